/**
 * The most common layout: the network in one stack, MSK and EKS in others. CDK passes subnets and
 * CIDRs between them as exports and imports; the pack and the checker follow them into the
 * producer's template, so the library's own resources are judged on what the other stack deploys.
 */
import * as fs from 'fs';
import { KubectlV36Layer } from '@aws-cdk/lambda-layer-kubectl-v36';
import { App, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { AwsSolutionsChecks } from 'cdk-nag';
import { mskCluster } from './msk-fixtures';
import { DualStackMskCluster, DualStackMskServerlessCluster, DualStackVpc, Ipv6EksCluster, Ipv6ReadinessChecks } from '../../lib';
import { main } from '../../lib/nag/cli/main';
import { formatFindings, nagApp, nagFindings } from '../support/nag';

const env = { account: '111111111111', region: 'us-east-1' };

function libraryApp(): App {
  const app = nagApp();
  const net = new Stack(app, 'Net', { env });
  const vpc = new DualStackVpc(net, 'Vpc');
  vpc.addInterfaceEndpoint('Sts', { service: ec2.InterfaceVpcEndpointAwsService.STS });
  const data = new Stack(app, 'Data', { env });
  const kafka = new DualStackMskCluster(data, 'Kafka', { vpc });
  new DualStackMskServerlessCluster(data, 'Serverless', { vpc });
  const k8s = new Stack(app, 'K8s', { env });
  const eks = new Ipv6EksCluster(k8s, 'Eks', { vpc, kubectlProviderOptions: { kubectlLayer: new KubectlV36Layer(k8s, 'Kubectl') } });
  kafka.connections.allowDefaultPortFrom(eks, 'pods');
  return app;
}

function check(...args: string[]) {
  const out: string[] = [];
  const code = main(['check', ...args], line => out.push(line), () => undefined);
  return { code, output: out.join('\n') };
}

describe('a VPC in one stack, MSK and EKS in others', () => {
  let app: App;
  let outdir: string;
  beforeAll(() => {
    app = libraryApp();
    // Before imports were followed: 7 CannotJudge findings on the library's own cluster and node group resources.
    expect(formatFindings(nagFindings(app, new AwsSolutionsChecks(), new Ipv6ReadinessChecks()))).toEqual('');
    outdir = app.outdir;
  });

  test('the pack found nothing to acknowledge on the library\'s resources (asserted in beforeAll)', () => {
    expect(fs.existsSync(`${outdir}/Data.template.json`)).toBe(true);
  });

  test('the checker follows the imports across the templates of the cdk.out', () => {
    const { code, output } = check(outdir);
    expect(output).not.toMatch(/CannotJudge/);
    expect(output).toMatch(/0 errors, 0 warnings in 3 templates/);
    expect(code).toBe(0);
  });

  test('a consumer template given without its producer cannot be judged, never a pass', () => {
    const { output } = check(`${outdir}/Data.template.json`);
    expect(output).toMatch(/WARNING Ipv6Ready-CannotJudge\[MSK-IPV6-2\]/);
  });
});

describe('a user\'s own resources in another stack stay judged', () => {
  function userApp(vpcOf: (s: Stack) => ec2.IVpc): App {
    const app = nagApp();
    const net = new Stack(app, 'Net', { env });
    const vpc = vpcOf(net);
    const data = new Stack(app, 'Data', { env });
    const sg = new ec2.SecurityGroup(data, 'Sg', { vpc });
    mskCluster(data, {
      clientSubnets: vpc.privateSubnets.map(s => s.subnetId),
      securityGroups: [sg.securityGroupId],
      connectivityInfo: { networkType: 'DUAL' },
    });
    return app;
  }
  const ipv6Findings = (app: App) => nagFindings(app, new Ipv6ReadinessChecks()).filter(f => f.path.startsWith('Data/Cluster')).map(f => f.ruleId);

  test('an IPv4-only VPC in the other stack is an error on the cluster, not a CannotJudge', () => {
    const ids = ipv6Findings(userApp(s => new ec2.Vpc(s, 'Vpc', { maxAzs: 2 })));
    expect(ids).toEqual(expect.arrayContaining(['Ipv6Ready-MSK-IPV6-1']));
    expect(ids.filter(id => id.includes('CannotJudge'))).toEqual([]);
  });

  test('subnets given as imports of no stack of the app stay CannotJudge', () => {
    const ids = ipv6Findings(userApp(s => ec2.Vpc.fromVpcAttributes(s, 'Vpc', {
      vpcId: 'vpc-1', availabilityZones: ['us-east-1a', 'us-east-1b'], privateSubnetIds: ['subnet-a', 'subnet-b'],
    })));
    expect(ids).toEqual(expect.arrayContaining(['Ipv6Ready-CannotJudge[MSK-IPV6-2]']));
  });
});
