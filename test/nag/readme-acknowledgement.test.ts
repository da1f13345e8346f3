/**
 * The README's acknowledgement example names a finding the pack really gives: a granular finding
 * carries its part (`[Port::20098]`), and cdk-nag v3 matches acknowledgements by exact id.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Stack, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { mskCluster } from './msk-fixtures';
import * as library from '../../lib';
import { DualStackVpc, Ipv6ReadinessChecks } from '../../lib';
import { nagApp, nagFindings } from '../support/nag';

const README = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf-8');
/** The id in the README's sentence "Acknowledge a finding where it is, with the reason: …". */
const README_ID = /Acknowledge a finding where it is[^`]*`Validations\.of\(construct\)\.acknowledge\(\{ id: '([^']+)'/.exec(README)?.[1];

/** A dual-stack IAM cluster whose security group admits IPv4 clients on 9098 only: MSK-IPV6-3 on port 20098. */
function findingsWith(acknowledgement?: string): string[] {
  const app = nagApp();
  const stack = new Stack(app, 'S', { env: { account: '111111111111', region: 'us-east-1' } });
  const vpc = new DualStackVpc(stack, 'Vpc');
  const sg = new ec2.SecurityGroup(stack, 'Sg', { vpc });
  sg.addIngressRule(ec2.Peer.ipv4('10.0.0.0/16'), ec2.Port.tcp(9098));
  const cluster = mskCluster(stack, {
    clientSubnets: vpc.privateSubnets.map(s => s.subnetId),
    securityGroups: [sg.securityGroupId],
    connectivityInfo: { networkType: 'DUAL' },
  }, { numberOfBrokerNodes: 3, clientAuthentication: { sasl: { iam: { enabled: true } } } });
  if (acknowledgement !== undefined) {
    Validations.of(cluster).acknowledge({ id: acknowledgement, reason: 'IPv6 clients reach this cluster through a proxy.' });
  }
  return nagFindings(app, new Ipv6ReadinessChecks()).filter(f => f.path === 'S/Cluster').map(f => f.ruleId);
}

test('the README names a real finding id, and acknowledging it as the README writes it removes the finding', () => {
  expect(README_ID).toBe('Ipv6Ready-MSK-IPV6-3[Port::20098]');
  expect(findingsWith()).toContain(README_ID);
  expect(findingsWith(README_ID)).not.toContain(README_ID);
});

test('the bare rule id does not acknowledge a granular finding (as the README says)', () => {
  expect(findingsWith('Ipv6Ready-MSK-IPV6-3')).toContain('Ipv6Ready-MSK-IPV6-3[Port::20098]');
});

test('the README\'s import block names every export of the library that its examples use', () => {
  const block = /```ts nofixture\n([\s\S]*?)```/.exec(README)![1];
  const imported = new Set(/import \{([^}]*)\} from 'cdk-ipv6-ready'/.exec(block)![1].split(',').map(s => s.trim()).filter(Boolean));
  const exported = Object.keys(library);
  const examples = [...README.matchAll(/```ts\n([\s\S]*?)```/g)].map(m => m[1]).join('\n');
  const used = exported.filter(name => new RegExp(`\\b${name}\\b`).test(examples));
  expect(used.filter(name => !imported.has(name))).toEqual([]);
});
