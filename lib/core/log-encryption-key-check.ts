import { Arn, ArnFormat, Stack, Token } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { invalidProp } from './validation';

/**
 * Refuses a `logEncryptionKey` CloudWatch Logs cannot use, before any resource exists: the log
 * group would fail at deployment, after the rest of the stack was created.
 *
 * What CloudWatch Logs takes (AssociateKmsKey and AWS::Logs::LogGroup `KmsKeyId`, CloudWatch Logs
 * API reference): the ARN of a symmetric encryption KMS key, in the log group's region, whose key
 * policy lets `logs.<region>.amazonaws.com` use it. So:
 * - an alias is refused (a key ARN is required);
 * - a key of another region is refused, when both regions are known;
 * - an asymmetric or HMAC key created in the app is refused (its spec and usage are known);
 * - an imported key (`Key.fromKeyArn`, `fromLookup`) is refused unless `policyAllowsLogs` is true:
 *   its policy cannot be extended from here, and whether it already grants CloudWatch Logs is only
 *   known to its owner. An error (not a warning) because the failure comes at deployment, and the
 *   fix is one documented prop once the owner has checked the policy.
 */
export function checkLogEncryptionKey(
  scope: Construct, id: string | undefined, key: kms.IKey | undefined, policyAllowsLogs: boolean | undefined,
): void {
  if (key === undefined) {
    if (policyAllowsLogs !== undefined) {
      invalidProp(scope, id, `logEncryptionKeyPolicyAllowsLogs: ${policyAllowsLogs} is given without logEncryptionKey. It speaks for an imported key's policy: remove it, or give the key.`);
    }
    return;
  }
  const fail = (message: string): never => invalidProp(scope, id, `logEncryptionKey: ${message}`);
  const keyArn = key.keyArn;
  const literalArn = Token.isUnresolved(keyArn) ? undefined : keyArn;
  if ('aliasName' in key || literalArn?.startsWith('alias/') || literalArn?.includes(':alias/')) {
    fail(`${describe(key)} is an alias. CloudWatch Logs takes the ARN of the key itself, not of an alias: give the key (kms.Key.fromKeyArn with arn:...:key/<key id>).`);
  }

  const stackRegion = Stack.of(scope).region;
  const keyRegion = literalArn !== undefined ? Arn.split(literalArn, ArnFormat.SLASH_RESOURCE_NAME).region : key.env.region;
  if (keyRegion !== undefined && !Token.isUnresolved(keyRegion) && !Token.isUnresolved(stackRegion) && keyRegion !== stackRegion) {
    fail(`${describe(key)} is in ${keyRegion}, and the log groups are in ${stackRegion}. CloudWatch Logs only uses a key of the log group's region: give a key of ${stackRegion} (a replica of a multi-Region key will do).`);
  }

  const cfnKey = key.node.defaultChild;
  if (cfnKey instanceof kms.CfnKey) {
    const spec = cfnKey.keySpec ?? 'SYMMETRIC_DEFAULT';
    const usage = cfnKey.keyUsage ?? 'ENCRYPT_DECRYPT';
    if (!Token.isUnresolved(spec) && !Token.isUnresolved(usage) && (spec !== 'SYMMETRIC_DEFAULT' || usage !== 'ENCRYPT_DECRYPT')) {
      fail(`${describe(key)} has keySpec ${spec} and keyUsage ${usage}. CloudWatch Logs only uses symmetric encryption keys: give a key with kms.KeySpec.SYMMETRIC_DEFAULT and kms.KeyUsage.ENCRYPT_DECRYPT (the defaults), or leave logEncryptionKey out for a new one.`);
    }
    return;
  }
  if (policyAllowsLogs !== true) {
    fail(`${describe(key)} is imported: its key policy cannot be extended from here, and CloudWatch Logs cannot use the key unless the policy lets `
      + 'the service principal logs.<region>.amazonaws.com use it (kms:Encrypt*, kms:Decrypt*, kms:ReEncrypt*, kms:GenerateDataKey*, kms:Describe*, with the '
      + 'kms:EncryptionContext:aws:logs:arn condition). Once it does, say so with logEncryptionKeyPolicyAllowsLogs: true; or give a key of this app, or none for a new one.');
  }
}

function describe(key: kms.IKey): string {
  return Token.isUnresolved(key.keyArn) ? `the key ${key.node.path}` : `'${key.keyArn}'`;
}
