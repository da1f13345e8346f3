import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { IConstruct } from 'constructs';
import { encryptLogGroup, logEncryptionKey, unencryptedManagedLogGroups } from '../core/log-encryption-key';

/**
 * Encrypts the log groups aws-cdk-lib created for the VPC, keeping their logical ids (adding a key
 * to a log group updates it in place): its flow logs' groups (those without a log group of the
 * user's), and the group of the Lambda function behind `functions` (the default security group
 * lockdown) when the app's flags make aws-cdk-lib create one.
 */
export function encryptVpcLogGroups(vpc: ec2.Vpc, given: kms.IKey | undefined, functions: IConstruct[]): void {
  const flowLogGroups = vpc.node.children.filter((c): c is ec2.FlowLog => c instanceof ec2.FlowLog)
    .map(flowLog => flowLog.node.tryFindChild('LogGroup'))
    .filter((g): g is logs.LogGroup => g instanceof logs.LogGroup);
  const groups = [...flowLogGroups, ...unencryptedManagedLogGroups(functions)];
  if (groups.length === 0) {
    return;
  }
  const key = logEncryptionKey(vpc, 'LogKey', given, `Encrypts the flow logs of ${vpc.node.path}`);
  groups.forEach(group => encryptLogGroup(group, key));
}
