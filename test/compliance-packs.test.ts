import { App, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { HIPAASecurityChecks, NIST80053R5Checks, PCIDSS321Checks } from 'cdk-nag';
import { ReferenceArchitectureStack } from '../examples/reference-architecture';
import { DualStackVpc, Ipv6ComplianceConflicts } from '../lib';
import { NagFinding, nagApp, nagFindings } from './support/nag';

const packs = (app: App) => [new HIPAASecurityChecks(app), new NIST80053R5Checks(app), new PCIDSS321Checks(app)] as const;
/** `VPCSubnetAutoAssignPublicIpDisabled Ref/Vpc/PublicSubnet1/Subnet`, the same for the three packs. */
const rule = (f: NagFinding) => f.ruleId.replace(/^(HIPAA\.Security|NIST\.800\.53\.R5|PCI\.DSS\.321)-/, '');

function referenceFindings(acknowledgeIpv6Conflicts: boolean): NagFinding[] {
  const app = nagApp();
  new ReferenceArchitectureStack(app, 'Ref');
  if (acknowledgeIpv6Conflicts) {
    Ipv6ComplianceConflicts.acknowledge(app);
  }
  const [hipaa, nist, pci] = packs(app);
  return nagFindings(app, hipaa, nist, pci);
}

function countByRule(findings: NagFinding[]): Record<string, number> {
  const counts: Record<string, number> = {};
  findings.forEach(f => counts[rule(f)] = (counts[rule(f)] ?? 0) + 1);
  return counts;
}

describe('HIPAA Security, NIST 800-53 R5 and PCI DSS 3.2.1 on the reference architecture', () => {
  test('with the IPv6 conflicts acknowledged, what remains is general hardening of the packs, none of it IPv6, unencrypted logs or a false positive', () => {
    const findings = referenceFindings(true);
    expect(countByRule(findings)).toEqual({
      // aws-cdk-lib's grants write inline (DefaultPolicy) policies: the library's and aws-cdk-lib's own roles.
      IAMNoInlinePolicy: 42,
      // Custom resource handlers (the switch, the default security group lockdown) outside a VPC.
      LambdaInsideVPC: 18,
      LambdaDLQ: 16,
      LambdaConcurrency: 16,
      // The IPv4 0.0.0.0/0 route of the public subnets, as in any VPC with public subnets.
      VPCNoUnrestrictedRouteToIGW: 6,
      // The public subnets assign IPv6 addresses the internet can reach (a route to the internet
      // gateway): what the rule is about, so not acknowledged (the EKS nodes are in private subnets).
      VPCSubnetAutoAssignPublicIpDisabled: 6,
      // The entry point's ALB: no AWS WAF web ACL (NIST, PCI), deletion protection off so that `cdk destroy`
      // removes it, no access logs (an environment-agnostic app cannot name the region's log delivery).
      ALBWAFEnabled: 2,
      ELBDeletionProtectionEnabled: 2,
      ELBLoggingEnabled: 3,
    });
    expect(findings.filter(f => rule(f) === 'VPCNoUnrestrictedRouteToIGW').map(f => f.path)).not.toContain('Ref/Vpc/PublicSubnet1/DefaultRoute6');
  });

  test('the one-line acknowledgement covers exactly the IPv6 conflicts, each on its resource', () => {
    const before = referenceFindings(false);
    const after = referenceFindings(true);
    const key = (f: NagFinding) => `${f.ruleId} ${f.path}`;
    const acknowledged = before.filter(f => !after.some(a => key(a) === key(f)));
    expect([...new Set(acknowledged.map(f => `${rule(f)} ${f.path}`))].sort()).toEqual([
      'VPCDefaultSecurityGroupClosed Ref/Vpc/Resource',
      'VPCNoUnrestrictedRouteToIGW Ref/Vpc/PublicSubnet1/DefaultRoute6',
      'VPCNoUnrestrictedRouteToIGW Ref/Vpc/PublicSubnet2/DefaultRoute6',
      'VPCSubnetAutoAssignPublicIpDisabled Ref/Vpc/PrivateSubnet1/Subnet',
      'VPCSubnetAutoAssignPublicIpDisabled Ref/Vpc/PrivateSubnet2/Subnet',
    ]);
    expect(acknowledged).toHaveLength(5 * 3); // each in the three packs
  });

  test('the library fixes or acknowledges the rest itself: log groups encrypted, the SSH and common-port rules\' throws on references acknowledged as false positives', () => {
    const rules = new Set(referenceFindings(false).map(rule));
    expect(rules.has('CloudWatchLogGroupEncrypted')).toBe(false);
    expect(rules.has('EC2RestrictedSSH')).toBe(false);
    expect(rules.has('EC2RestrictedCommonPorts')).toBe(false);
  });

  test('acknowledge refuses what is not a construct, with the fix', () => {
    expect(() => Ipv6ComplianceConflicts.acknowledge(undefined as any)).toThrow(/acknowledge: scope is undefined, not a construct\. Give the app or the stack/);
  });

  test('a subnet that maps public IPv4 addresses stays a finding', () => {
    const app = nagApp();
    const stack = new Stack(app, 'S');
    new DualStackVpc(stack, 'Vpc', {
      natGateways: 0,
      subnetGroups: [{ name: 'Public', subnetType: ec2.SubnetType.PUBLIC, mapPublicIpOnLaunch: true }],
    });
    Ipv6ComplianceConflicts.acknowledge(app);
    const [hipaa, nist, pci] = packs(app);
    expect(nagFindings(app, hipaa, nist, pci).filter(f => rule(f) === 'VPCSubnetAutoAssignPublicIpDisabled').map(f => f.path))
      .toEqual(expect.arrayContaining(['S/Vpc/PublicSubnet1/Subnet']));
  });
});
