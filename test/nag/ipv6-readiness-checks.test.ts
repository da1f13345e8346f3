import { App, CfnParameter, Stack, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as msk from 'aws-cdk-lib/aws-msk';
import { ReferenceArchitectureStack } from '../../examples/reference-architecture';
import { CannotJudgeLevel, DualStackVpc, Ipv6ReadinessChecks } from '../../lib';
import { ALL_PREREQUISITES as ALL_RULES } from '../../lib/prerequisites';
import { migrateLegacyVpcAndKafka } from '../support/migration';
import { formatFindings, nagFindings } from '../support/nag';
import { readmeRuleTable, renderRuleTable } from '../support/rule-table';

describe('Ipv6ReadinessChecks', () => {
  test('the rule ids and levels are pinned: never renumber or silently change one', () => {
    expect(ALL_RULES.map(r => `${r.id} ${r.level}`)).toEqual(PINNED_RULES);
    expect(Ipv6ReadinessChecks.RULE_IDS).toEqual(PINNED_RULES.map(r => r.split(' ')[0]));
  });

  test('every rule says what breaks, the fix and its source', () => {
    for (const rule of ALL_RULES) {
      expect({ id: rule.id, why: rule.why, fix: rule.fix, source: rule.source })
        .toEqual({ id: rule.id, why: expect.stringMatching(/\S/), fix: expect.stringMatching(/\S/), source: expect.stringMatching(/\S/) });
      expect(rule.resourceTypes.length).toBeGreaterThan(0);
    }
  });

  test('the README rule table is the catalogue (npx projen docs:rules writes it)', () => {
    expect(readmeRuleTable()).toEqual(renderRuleTable());
  });

  test('DualStackVpc in its default configuration has no finding', () => {
    const app = new App();
    new DualStackVpc(new Stack(app, 'Stack'), 'Vpc');
    expect(formatFindings(nagFindings(app, new Ipv6ReadinessChecks(app)))).toEqual('');
  });

  test('Ipv6Upgrade and MskDualStackUpgrade in their default configuration have no finding', () => {
    const app = new App();
    migrateLegacyVpcAndKafka(new Stack(app, 'Stack'));
    expect(formatFindings(nagFindings(app, new Ipv6ReadinessChecks(app)))).toEqual('');
  });

  test('the reference architecture has no finding', () => {
    const app = new App();
    new ReferenceArchitectureStack(app, 'Reference');
    expect(formatFindings(nagFindings(app, new Ipv6ReadinessChecks(app)))).toEqual('');
  });

  test('a value a rule cannot follow: a warning by default, naming the property and value; printed, not counted, with CannotJudgeLevel.INFO', () => {
    const build = () => {
      const app = new App();
      const stack = new Stack(app, 'Stack');
      const version = new CfnParameter(stack, 'KafkaVersion', { type: 'String' });
      new msk.CfnCluster(stack, 'Cluster', {
        clusterName: 'c',
        kafkaVersion: version.valueAsString,
        numberOfBrokerNodes: 2,
        brokerNodeGroupInfo: { instanceType: 'kafka.m7g.large', clientSubnets: ['subnet-1', 'subnet-2'], connectivityInfo: { networkType: 'DUAL' } },
      });
      return app;
    };
    const warned = build();
    const findings = nagFindings(warned, new Ipv6ReadinessChecks(warned)).filter(f => f.ruleId === 'Ipv6Ready-CannotJudge[MSK-IPV6-6]');
    expect(findings.map(f => [f.level, f.message])).toEqual([
      ['warning', expect.stringContaining('MSK-IPV6-6 cannot judge AWS::MSK::Cluster Cluster: KafkaVersion is {"Ref":"KafkaVersion"}.')],
    ]);

    const informed = build();
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const quiet = nagFindings(informed, new Ipv6ReadinessChecks(informed, { cannotJudge: CannotJudgeLevel.INFO }));
      expect(quiet.filter(f => f.ruleId.startsWith('Ipv6Ready-CannotJudge'))).toEqual([]);
      expect(stderr).toHaveBeenCalledWith(expect.stringMatching(/^\[Ipv6Ready info\] Stack\/Cluster: MSK-IPV6-6 cannot judge AWS::MSK::Cluster Cluster: KafkaVersion is/));
    } finally {
      stderr.mockRestore();
    }
  });

  test('an acknowledged finding is not reported, and only where it is acknowledged', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    const vpc = new DualStackVpc(stack, 'Vpc', { natGateways: 0 });
    for (const subnet of vpc.privateSubnets) {
      (subnet.node.defaultChild as ec2.CfnSubnet).enableDns64 = true;
    }
    Validations.of(vpc.privateSubnets[0]).acknowledge({ id: 'Ipv6Ready-VPC-IPV6-1', reason: 'Test: another stack adds the NAT64 route.' });
    expect(nagFindings(app, new Ipv6ReadinessChecks(app)).map(f => `${f.ruleId} ${f.path}`)).toEqual([
      'Ipv6Ready-VPC-IPV6-1 Stack/Vpc/PrivateSubnet2/Subnet',
    ]);
  });
});

const PINNED_RULES = [
  'VPC-IPV6-1 error',
  'VPC-IPV6-2 warning',
  'MSK-IPV6-1 error',
  'MSK-IPV6-2 error',
  'MSK-IPV6-3 error',
  'MSK-IPV6-4 error',
  'MSK-IPV6-5 error',
  'MSK-IPV6-6 error',
  'MSK-IPV6-7 error',
  'MSK-IPV6-8 error',
  'EKS-IPV6-2 error',
  'EKS-IPV6-3 error',
  'EKS-IPV6-4 error',
  'EKS-IPV6-5 error',
  'EKS-IPV6-6 error',
  'EKS-IPV6-7 error',
  'EKS-IPV6-9 error',
  'EKS-IPV6-10 error',
  'EKS-IPV6-11 error',
  'EKS-IPV6-12 error',
  'EKS-IPV6-13 error',
  'EKS-IPV6-14 error',
  'EKS-IPV6-15 error',
  'EKS-IPV6-16 error',
  'EKS-IPV6-17 error',
  'EKS-IPV6-18 error',
  'EKS-IPV6-19 error',
  'EKS-IPV6-20 error',
  'K8S-IPV6-1 error',
  'K8S-IPV6-2 error',
  'K8S-IPV6-3 error',
  'K8S-IPV6-4 error',
  'K8S-IPV6-5 error',
  'ELB-IPV6-1 error',
  'ELB-IPV6-2 warning',
  'ELB-IPV6-3 error',
  'ELB-IPV6-4 error',
  'ELB-IPV6-5 error',
];
