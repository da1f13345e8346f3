import { CfnResource, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { finalProperties } from './final-properties';

/** The CIDR sources that open a port to everyone. */
const OPEN_CIDRS = ['0.0.0.0/0', '::/0'];

/**
 * Calls `acknowledge` (which acknowledges findings of `securityGroup` about unreadable or open
 * ingress sources) only if, in
 * the final template, every CIDR source of its ingress rules is one of `ownSources` (the library's
 * own references, such as the VPC's IPv4 and IPv6 blocks) or a literal range that is not
 * 0.0.0.0/0 or ::/0. A rule a user adds later (`connections.allowFrom(Peer.anyIpv4(), ...)`, a
 * `CfnSecurityGroupIngress`) then leaves the finding standing, as it should.
 *
 * Decided in a validation (`node.addValidation`), which runs when the construct tree is final;
 * acknowledgements are metadata, written to the cloud assembly after it.
 */
export function acknowledgeIngressWhenOwnSources(securityGroup: ec2.SecurityGroup, ownSources: () => string[], acknowledge: () => void): void {
  securityGroup.node.addValidation({
    validate: () => {
      if (ingressSourcesAreOwn(securityGroup, ownSources())) {
        acknowledge();
      }
      return [];
    },
  });
}

/** Whether every CIDR source admitted by the group is one of `ownSources` or a literal, closed range. */
export function ingressSourcesAreOwn(securityGroup: ec2.SecurityGroup, ownSources: string[]): boolean {
  const stack = Stack.of(securityGroup);
  const own = new Set(ownSources.map(source => JSON.stringify(stack.resolve(source))));
  const cfnGroup = securityGroup.node.defaultChild as ec2.CfnSecurityGroup;
  const groupId = JSON.stringify(stack.resolve(securityGroup.securityGroupId));
  const rules: any[] = [...asArray(finalProperties(cfnGroup).SecurityGroupIngress)];
  for (const child of stack.node.findAll()) {
    if (child instanceof ec2.CfnSecurityGroupIngress) {
      const props = finalProperties(child as CfnResource);
      if (JSON.stringify(props.GroupId) === groupId) {
        rules.push(props);
      }
    }
  }
  return rules.every(rule => [rule?.CidrIp, rule?.CidrIpv6].every(source => source === undefined
    || (typeof source === 'string' ? !OPEN_CIDRS.includes(source) : own.has(JSON.stringify(source)))));
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
