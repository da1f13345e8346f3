/**
 * The AwsSolutions-EC23 acknowledgement of an entry point's security group is decided on the
 * final template: it holds only while every open (0.0.0.0/0, ::/0) or unreadable source is one the
 * construct added itself.
 */
import { App, IPolicyValidationPlugin, Stack } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { AwsSolutionsChecks, NIST80053R5Checks } from 'cdk-nag';
import { DualStackApplicationLoadBalancedService, DualStackVpc } from '../../lib';
import { nagFindings } from '../support/nag';

function entry(internetFacing: boolean, change?: (entry: DualStackApplicationLoadBalancedService, stack: Stack) => void) {
  const app = new App();
  const stack = new Stack(app, 'Stack');
  const vpc = new DualStackVpc(stack, 'Vpc');
  const certificate = acm.Certificate.fromCertificateArn(stack, 'Certificate', 'arn:aws:acm:eu-west-1:111111111111:certificate/0a1b2c3d');
  const service = new DualStackApplicationLoadBalancedService(stack, 'Entry', { vpc, certificate, internetFacing });
  change?.(service, stack);
  return app;
}

/** The findings of a rule on the entry point's security group. */
const findingsOn = (app: App, rule: RegExp, pack: IPolicyValidationPlugin = new AwsSolutionsChecks()) => nagFindings(app, pack)
  .filter(f => f.path === 'Stack/Entry/SecurityGroup/Resource' && rule.test(f.ruleId)).map(f => f.ruleId);

describe('EC23 on the entry point\'s security group', () => {
  test.each([['internal', false], ['internet-facing', true]])('compliant: %s, as the construct made it, acknowledged', (_, internetFacing) => {
    expect(findingsOn(entry(internetFacing), /EC23/)).toEqual([]);
  });

  test('non-compliant: an internal load balancer that the user opens to the world later gets the finding', () => {
    const app = entry(false, e => e.connections.allowFrom(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), 'the world'));
    expect(findingsOn(app, /EC23/)).toEqual(['AwsSolutions-EC23']);
  });

  test('non-compliant: an internet-facing one that the user opens on another port (::/0 on 22) gets the finding', () => {
    const app = entry(true, e => e.connections.allowFrom(ec2.Peer.anyIpv6(), ec2.Port.tcp(22), 'ssh'));
    expect(findingsOn(app, /EC23/)).toEqual(['AwsSolutions-EC23']);
  });

  test('cannot judge: a reference source the user adds (another VPC\'s range) is not the construct\'s, so the rule\'s throw is reported', () => {
    const app = entry(false, (e, stack) => {
      const other = new ec2.Vpc(stack, 'Other', { restrictDefaultSecurityGroup: false });
      e.connections.allowFrom(ec2.Peer.ipv4(other.vpcCidrBlock), ec2.Port.tcp(443), 'peered');
    });
    expect(findingsOn(app, /EC23/)).toEqual(['AwsSolutions-EC23']);
    // The compliance packs' throw on references is no longer acknowledged either.
    expect(findingsOn(app, /EC2RestrictedCommonPorts|EC2RestrictedSSH/, new NIST80053R5Checks()).length).toBeGreaterThan(0);
  });

  test('a literal source the user adds (not open) keeps the acknowledgement: EC23 reads it', () => {
    const app = entry(false, e => e.connections.allowFrom(ec2.Peer.ipv4('203.0.113.0/24'), ec2.Port.tcp(443), 'office'));
    expect(findingsOn(app, /EC23/)).toEqual([]);
  });
});
