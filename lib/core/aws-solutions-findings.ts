import { CfnElement, Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * The ids under which cdk-nag's AwsSolutionsChecks reports its granular IAM findings, for
 * `Validations.of(construct).acknowledge({ id, reason })`: one spelling for every construct here.
 */

/** AwsSolutions-IAM4 for a managed policy, as cdk-nag renders its ARN. */
export function managedPolicyFinding(renderedPolicyArn: string): string {
  return `AwsSolutions::AwsSolutions-IAM4[Policy::${renderedPolicyArn}]`;
}

/** AwsSolutions-IAM4 for the AWS-managed policy `name` (`AmazonEKSClusterPolicy`, `service-role/...`). */
export function awsManagedPolicyFinding(name: string): string {
  return managedPolicyFinding(`arn:<AWS::Partition>:iam::aws:policy/${name}`);
}

/** AwsSolutions-IAM5 for a wildcard resource, as cdk-nag renders it. */
export function wildcardResourceFinding(renderedResource: string): string {
  return `AwsSolutions::AwsSolutions-IAM5[Resource::${renderedResource}]`;
}

/**
 * AwsSolutions-IAM5 for the wildcard resource `resource` of a policy in `scope`'s stack, rendered
 * from the value itself: an ARN of `Arn.format` is `arn:<AWS::Partition>:ec2:<AWS::Region>:...` in
 * an environment-agnostic stack and `arn:<AWS::Partition>:ec2:us-east-1:...` in one with a region,
 * and the acknowledgement must match the form the stack has.
 */
export function wildcardResourceFindingOf(scope: IConstruct, resource: string): string {
  return wildcardResourceFinding(nagRendering(Stack.of(scope).resolve(resource)));
}

/**
 * A resolved CloudFormation value as cdk-nag writes it into a finding id: `Ref` as `<Name>`,
 * `Fn::GetAtt` as `<Name.Attribute>`, `Fn::Join` joined, `${...}` of `Fn::Sub` as `<...>`. This is
 * what cdk-nag's flattenCfnReference does; its public API does not export it, and the concrete-
 * environment test (test/packed) fails if the two ever differ.
 */
function nagRendering(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value.replace(/\$\{/g, '<').replace(/\}/g, '>');
  const v = value as Record<string, any>;
  if (v['Fn::Join']) return (v['Fn::Join'][1] as unknown[]).map(nagRendering).join(v['Fn::Join'][0]);
  if (v['Fn::Sub']) return nagRendering(v['Fn::Sub']);
  if (v['Fn::GetAtt']) return `<${nagRendering(v['Fn::GetAtt'][0])}.${nagRendering(v['Fn::GetAtt'][1])}>`;
  if (v['Fn::ImportValue']) return nagRendering(v['Fn::ImportValue']);
  if (v.Ref) return `<${nagRendering(v.Ref)}>`;
  return JSON.stringify(value);
}

/**
 * AwsSolutions-EC23 (ingress from 0.0.0.0/0 or ::/0). It cannot read a source that is a reference,
 * such as a VPC's IPv6 block, and reports that it threw; acknowledge it only where every source
 * is such a reference and the reason says what they are.
 */
export const OPEN_INGRESS_FINDING = 'AwsSolutions::AwsSolutions-EC23';

/** AwsSolutions-IAM5 for a grant to invoke any version of a Lambda function (`<function ARN>:*`). */
export function functionVersionsFinding(fn: IConstruct): string {
  return wildcardResourceFinding(`<${Stack.of(fn).getLogicalId(fn.node.defaultChild as CfnElement)}.Arn>:*`);
}
