import * as fs from 'fs';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as msk from 'aws-cdk-lib/aws-msk';
import * as cxapi from 'aws-cdk-lib/cx-api';
import { AUTO_MODE_CONTEXT, ReferenceArchitectureStack } from '../examples/reference-architecture';
import { DualStackMskCluster, DualStackMskServerlessCluster, DualStackVpc, Ipv6EksCluster } from '../lib';
import { migrateLegacyVpcAndKafka } from './support/migration';

/** The violations aws-cdk-lib's built-in CloudFormation validation reports for the app. */
function cloudFormationViolations(build: (app: App) => void): string[] {
  const app = new App({ context: { [cxapi.FAIL_SYNTH_ON_VALIDATION_ERRORS_CONTEXT]: false } });
  build(app);
  const outdir = app.synth().directory;
  const file = path.join(outdir, cxapi.VALIDATION_REPORT_FILE);
  if (!fs.existsSync(file)) {
    return [];
  }
  const report = JSON.parse(fs.readFileSync(file, 'utf-8'));
  return (report.pluginReports ?? [])
    .filter((r: { pluginName: string }) => r.pluginName === 'CloudFormation Validate')
    .flatMap((r: { violations: Array<{ ruleName: string; description: string }> }) => r.violations.map(v => `${v.ruleName}: ${v.description}`));
}

describe('aws-cdk-lib built-in CloudFormation validation', () => {
  const saved = process.env.CDK_VALIDATION;
  beforeAll(() => { delete process.env.CDK_VALIDATION; });
  afterAll(() => { process.env.CDK_VALIDATION = saved; });

  test('it runs here: a DUAL_STACK network type is reported', () => {
    const violations = cloudFormationViolations(app => {
      const stack = new Stack(app, 'Stack');
      new msk.CfnCluster(stack, 'Cluster', {
        clusterName: 'c',
        kafkaVersion: '3.8.x',
        numberOfBrokerNodes: 2,
        brokerNodeGroupInfo: {
          instanceType: 'kafka.m7g.large',
          clientSubnets: ['subnet-0aaaaaaaaaaaaaaa1', 'subnet-0bbbbbbbbbbbbbbb2'],
          connectivityInfo: { networkType: 'DUAL_STACK' },
        },
      });
    });
    expect(violations.join('\n')).toMatch(/DUAL_STACK/);
  });

  test('the reference architecture has no violation', () => {
    expect(cloudFormationViolations(app => new ReferenceArchitectureStack(app, 'Reference'))).toEqual([]);
  });

  test('the reference architecture on EKS Auto Mode (-c autoMode=true) has no violation', () => {
    expect(cloudFormationViolations(app => {
      app.node.setContext(AUTO_MODE_CONTEXT, 'true');
      new ReferenceArchitectureStack(app, 'Reference');
    })).toEqual([]);
  });

  test('the constructs in their default configuration have no violation', () => {
    expect(cloudFormationViolations(app => {
      const stack = new Stack(app, 'Stack');
      new DualStackVpc(stack, 'Vpc', {
        subnetGroups: [
          { name: 'Public', subnetType: ec2.SubnetType.PUBLIC },
          { name: 'Private', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, nat64: true },
          { name: 'Native', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, ipv6Only: true, nat64: true },
        ],
      }).addInterfaceEndpoint('Sts', { service: ec2.InterfaceVpcEndpointAwsService.STS });
      migrateLegacyVpcAndKafka(stack);
    })).toEqual([]);
  });

  test('the clusters in their default configuration have no violation', () => {
    expect(cloudFormationViolations(app => {
      const stack = new Stack(app, 'Stack');
      const vpc = new DualStackVpc(stack, 'Vpc');
      new DualStackMskCluster(stack, 'Kafka', { vpc, outputs: true });
      new DualStackMskServerlessCluster(stack, 'Serverless', { vpc });
      // Its one schema warning (W9009, EncryptionConfig Resources deprecated) is acknowledged with its reason.
      new Ipv6EksCluster(stack, 'Eks', { vpc, outputs: true });
    })).toEqual([]);
  });
});
