/**
 * An app of N resources for the engine benchmark (bench/engine.ts): UNITS copies of a dual-stack
 * VPC with an MSK cluster and an IPv6 EKS cluster, all in one stack, written with L1 resources
 * beside `DualStackVpc` so that every rule of the pack has something to judge.
 *
 * Synthesizes without packs, then times each pack's `validate` on the synthesized app, in this
 * process, and prints one JSON line: { resources, templateFile, seconds: { Ipv6Ready: [...], AwsSolutions: [...] } }.
 *
 *   UNITS=20 CDK_OUTDIR=/tmp/out RUNS=3 node bench/.build/bench/scaling-app.js
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, IPolicyValidationContext, IPolicyValidationPlugin, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as msk from 'aws-cdk-lib/aws-msk';
import * as cxapi from 'aws-cdk-lib/cx-api';
import { AwsSolutionsChecks } from 'cdk-nag';
import { Construct } from 'constructs';
import { DualStackVpc, Ipv6ReadinessChecks } from '../lib';

/** One unit: a dual-stack network, an MSK cluster on it and an IPv6 EKS cluster with a node group. */
function unit(scope: Construct): void {
  const vpc = new DualStackVpc(scope, 'Vpc', { maxAzs: 2, natGateways: 0, restrictDefaultSecurityGroup: false });
  const subnets = vpc.privateSubnets.map(s => s.subnetId);
  const group = new ec2.CfnSecurityGroup(scope, 'Brokers', { vpcId: vpc.vpcId, groupDescription: 'brokers' });
  new ec2.CfnSecurityGroupIngress(scope, 'BrokersIpv6', {
    groupId: group.attrGroupId, ipProtocol: 'tcp', fromPort: 20098, toPort: 20098, cidrIpv6: vpc.vpcIpv6CidrBlock,
  });
  new msk.CfnCluster(scope, 'Kafka', {
    clusterName: `kafka-${scope.node.addr.slice(0, 8)}`,
    kafkaVersion: '3.9.x',
    numberOfBrokerNodes: 2,
    brokerNodeGroupInfo: {
      instanceType: 'kafka.m7g.large',
      clientSubnets: subnets,
      securityGroups: [group.attrGroupId],
      connectivityInfo: { networkType: 'DUAL' },
    },
    clientAuthentication: { sasl: { iam: { enabled: true } } },
  });
  const clusterRole = new iam.CfnRole(scope, 'ClusterRole', {
    assumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { Service: 'eks.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
  });
  const cluster = new eks.CfnCluster(scope, 'Cluster', {
    roleArn: clusterRole.attrArn,
    version: '1.35',
    resourcesVpcConfig: { subnetIds: subnets },
    kubernetesNetworkConfig: { ipFamily: 'ipv6' },
  });
  const nodeRole = new iam.CfnRole(scope, 'NodeRole', {
    assumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
    policies: [{ policyName: 'cni', policyDocument: { Statement: [{ Effect: 'Allow', Action: ['ec2:AssignIpv6Addresses', 'ec2:Describe*', 'ec2:CreateTags'], Resource: '*' }] } }],
  });
  new eks.CfnNodegroup(scope, 'Nodes', { clusterName: cluster.ref, nodeRole: nodeRole.attrArn, subnets, instanceTypes: ['m6i.large'], amiType: 'AL2023_x86_64_STANDARD' });
  new eks.CfnAddon(scope, 'VpcCni', {
    clusterName: cluster.ref,
    addonName: 'vpc-cni',
    configurationValues: JSON.stringify({ env: { ENABLE_IPv6: 'true', ENABLE_PREFIX_DELEGATION: 'true' } }),
  });
}

function main(): void {
  const units = Number(process.env.UNITS ?? '1');
  const runs = Number(process.env.RUNS ?? '3');
  // No resource limit per stack: the point is one template of thousands of resources.
  const app = new App({ context: { '@aws-cdk/core:stackResourceLimit': 0, [cxapi.FAIL_SYNTH_ON_VALIDATION_ERRORS_CONTEXT]: false } });
  const stack = new Stack(app, 'Scaling');
  for (let i = 0; i < units; i++) {
    unit(new Construct(stack, `Unit${i}`));
  }
  const assembly = app.synth();
  const templateFile = path.join(assembly.directory, stack.templateFile);
  const resources = Object.keys(JSON.parse(fs.readFileSync(templateFile, 'utf-8')).Resources).length;
  const context = { templatePaths: [templateFile], appConstruct: app } as unknown as IPolicyValidationContext;
  const packs: Array<() => IPolicyValidationPlugin> = [() => new Ipv6ReadinessChecks(), () => new AwsSolutionsChecks()];
  const seconds: { [pack: string]: number[] } = {};
  const violations: { [pack: string]: number } = {};
  // One unmeasured warm-up of each (as bench/run.ts does for synthesis), then the measured runs.
  packs.forEach(make => make().validate(context));
  for (let r = 0; r < runs; r++) {
    // Alternate the order, so a slow spell of the machine hits both.
    for (const make of r % 2 === 0 ? packs : [...packs].reverse()) {
      const pack = make();
      const started = process.hrtime.bigint();
      const report = pack.validate(context);
      (seconds[pack.name] ??= []).push(Number(process.hrtime.bigint() - started) / 1e9);
      violations[pack.name] = report.violations.length;
    }
  }
  console.log(JSON.stringify({ resources, templateFile, seconds, violations }));
}

main();
