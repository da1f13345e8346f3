import { createHash } from 'crypto';
import { Names, Stack, Token } from 'aws-cdk-lib';
import { Construct } from 'constructs';

/**
 * The facts of an entry point's target group that CloudFormation cannot change in place
 * (`AWS::ElasticLoadBalancingV2::TargetGroup`: Port, Protocol, ProtocolVersion, TargetType,
 * IpAddressType and VpcId have "Update requires: Replacement"), and the namespace of the binding.
 */
export interface TargetGroupBindingFacts {
  readonly port: number;
  readonly protocol: string;
  readonly targetType: string;
  readonly ipAddressType: string;
  /** The VPC id as it will be rendered (`{"Ref":"Vpc..."}` or a literal), JSON. */
  readonly vpcId: string;
  readonly namespace: string;
}

/**
 * The names that keep day-2 changes of an entry point acceptable to the AWS Load Balancer
 * Controller's validating webhook (kubernetes-sigs/aws-load-balancer-controller,
 * `webhooks/elbv2/targetgroupbinding_validator.go`):
 *
 * - `checkImmutableFields` refuses an update that changes `spec.targetGroupARN`, `spec.targetType`,
 *   `spec.ipAddressType` or `spec.vpcId` of an existing binding;
 * - `checkExistingTargetGroups` refuses to create a binding naming a target group that any other
 *   binding of the cluster (every namespace) already names.
 *
 * So every fact that replaces the target group (new ARN), and the namespace (a binding in another
 * namespace is another object), is hashed into the binding's construct id and `metadata.name`:
 * CloudFormation then creates a new binding next to the old one, and deletes the old one only in
 * its cleanup phase, instead of changing the ARN of the existing one. The target group is named
 * after the same hash, so a namespace move (which changes nothing of the target group itself)
 * also gives a new target group, which no binding names yet. The Service's name and port are not
 * hashed: `spec.serviceRef` is not immutable, so a rename updates the binding in place.
 */
export interface TargetGroupBindingIdentity {
  /** Ten hex digits of the facts. */
  readonly fingerprint: string;
  /** The construct id of the binding's KubernetesManifest. */
  readonly bindingId: string;
  /** The binding's `metadata.name` (63 characters at most, a Kubernetes name). */
  readonly bindingName: string;
  /** The target group's name (32 characters at most, letters, digits and '-'), unique to the stack, the path and the facts. */
  readonly targetGroupName: string;
}

const hash = (text: string, length: number) => createHash('sha256').update(text).digest('hex').slice(0, length);

/** The identity of the binding of the entry point `entryPoint`, from its target group's facts. */
export function targetGroupBindingIdentity(entryPoint: Construct, facts: TargetGroupBindingFacts): TargetGroupBindingIdentity {
  const fingerprint = hash(fingerprintText(facts), 10);
  const stackName = Stack.of(entryPoint).stackName;
  // Target group names are unique per account and region: the stack name (unique there) and the path make it ours.
  const unique = hash(JSON.stringify([Token.isUnresolved(stackName) ? '' : stackName, entryPoint.node.path, fingerprint]), 10);
  const readable = entryPoint.node.id.replace(/[^A-Za-z0-9]/g, '').slice(0, 21) || 'entry';
  return {
    fingerprint,
    bindingId: `TargetGroupBinding${fingerprint}`,
    bindingName: `${Names.uniqueResourceName(entryPoint, { maxLength: 52, separator: '-' }).toLowerCase()}-${fingerprint}`,
    targetGroupName: `${readable}-${unique}`,
  };
}

/** The text hashed into the fingerprint: the facts in a fixed order. */
export function fingerprintText(facts: TargetGroupBindingFacts): string {
  return JSON.stringify([facts.port, facts.protocol, facts.targetType, facts.ipAddressType, facts.vpcId, facts.namespace]);
}
