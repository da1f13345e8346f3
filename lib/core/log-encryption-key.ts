import { Arn, ArnFormat, Aws, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

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
