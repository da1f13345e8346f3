import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { encryptLogGroup, logEncryptionKey } from '../core/log-encryption-key';

/**
 * Encrypts the log groups aws-cdk-lib's flow logs created for the VPC (those without a log group of
 * the user's), keeping their logical ids: adding a key to a log group updates it in place.
 */
export function encryptFlowLogGroups(vpc: ec2.Vpc, given: kms.IKey | undefined): void {
  const groups = vpc.node.children.filter((c): c is ec2.FlowLog => c instanceof ec2.FlowLog)
    .map(flowLog => flowLog.node.tryFindChild('LogGroup'))
    .filter((g): g is logs.LogGroup => g instanceof logs.LogGroup);
  if (groups.length === 0) {
    return;
  }
  const key = logEncryptionKey(vpc, 'LogKey', given, `Encrypts the flow logs of ${vpc.node.path}`);
  groups.forEach(group => encryptLogGroup(group, key));
}
