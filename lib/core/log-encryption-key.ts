import { Arn, ArnFormat, Aws, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct, IConstruct } from 'constructs';

/**
 * The KMS key that encrypts a construct's CloudWatch Logs groups (removed with `removalPolicy`,
 * that of the groups): the given one, or a new key with
 * yearly rotation, which is what HIPAA, NIST 800-53 and PCI DSS checks (`CloudWatchLogGroupEncrypted`)
 * and the reviewers of regulated accounts expect. Either way, CloudWatch Logs of this region may use
 * it for the log groups of this account only (an imported key's policy is not changed: give it that
 * grant yourself).
 */
export function logEncryptionKey(scope: Construct, id: string, given: kms.IKey | undefined, description: string,
  removalPolicy: RemovalPolicy = RemovalPolicy.RETAIN): kms.IKey {
  // A key created here goes with its log groups: a retained group must stay readable, a deleted one leaves no key billed.
  const key = given ?? new kms.Key(scope, id, { enableKeyRotation: true, description, removalPolicy });
  // CloudWatch Logs encrypts with the key as its regional service principal, not as the caller
  // (CloudWatch Logs user guide, "Encrypt log data in CloudWatch Logs using AWS KMS").
  key.addToResourcePolicy(new iam.PolicyStatement({
    // amazonaws.com, or amazonaws.com.cn in the China partition.
    principals: [new iam.ServicePrincipal(`logs.${Aws.REGION}.${Aws.URL_SUFFIX}`)],
    actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
    resources: ['*'],
    conditions: {
      ArnLike: {
        'kms:EncryptionContext:aws:logs:arn': Arn.format({ service: 'logs', resource: 'log-group', resourceName: '*', arnFormat: ArnFormat.COLON_RESOURCE_NAME }, Stack.of(scope)),
      },
    },
  }));
  return key;
}

/** Encrypts a log group created by another construct (aws-cdk-lib's flow log, say) with `key`, keeping its logical id. */
export function encryptLogGroup(logGroup: logs.ILogGroup, key: kms.IKey): void {
  (logGroup.node.defaultChild as logs.CfnLogGroup).kmsKeyId = key.keyArn;
}

/**
 * The log groups aws-cdk-lib creates for Lambda functions under `@aws-cdk/aws-lambda:useCdkManagedLogGroup`
 * (a `LogGroup` child of each function), among `functions`, that have no key yet. Without the flag
 * there are none: Lambda creates the group itself at the first invocation, outside the template.
 */
export function unencryptedManagedLogGroups(functions: IConstruct[]): logs.LogGroup[] {
  return functions.filter((f): f is lambda.Function => f instanceof lambda.Function)
    .map(f => f.node.tryFindChild('LogGroup'))
    .filter((g): g is logs.LogGroup => g instanceof logs.LogGroup && (g.node.defaultChild as logs.CfnLogGroup).kmsKeyId === undefined);
}

/**
 * The Lambda function behind a custom resource whose grant principal is the function's role (an
 * `AwsCustomResource`: its singleton function lives at the stack's level, shared by every one of them).
 */
export function functionOfRole(grantable: iam.IGrantable): IConstruct | undefined {
  const role = grantable.grantPrincipal;
  return role instanceof iam.Role ? role.node.scope : undefined;
}

/**
 * Encrypts the CDK-managed log groups of every Lambda function under `scope` (aws-cdk-lib's
 * providers: kubectl, custom resources) with a new key of `keyScope`, created only when there is
 * such a group (the flag `@aws-cdk/aws-lambda:useCdkManagedLogGroup` is on).
 */
export function encryptManagedLogGroupsUnder(scope: IConstruct | undefined, keyScope: Construct, keyId: string, description: string): void {
  encryptManagedLogGroups(scope?.node.findAll() ?? [], keyScope, keyId, description);
}

/** The same for the given functions (an `AwsCustomResource`'s: see `functionOfRole`). */
export function encryptManagedLogGroups(functions: IConstruct[], keyScope: Construct, keyId: string, description: string): void {
  const groups = unencryptedManagedLogGroups(functions);
  if (groups.length === 0) {
    return;
  }
  const key = logEncryptionKey(keyScope, keyId, undefined, description);
  groups.forEach(group => encryptLogGroup(group, key));
}
