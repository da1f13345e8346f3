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

/** AwsSolutions-IAM5 for a grant to invoke any version of a Lambda function (`<function ARN>:*`). */
export function functionVersionsFinding(fn: IConstruct): string {
  return wildcardResourceFinding(`<${Stack.of(fn).getLogicalId(fn.node.defaultChild as CfnElement)}.Arn>:*`);
}
