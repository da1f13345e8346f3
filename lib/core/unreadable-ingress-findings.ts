import { Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/** The cdk-nag compliance packs (HIPAA, NIST 800-53 R5, PCI DSS), as their finding ids start; their SSH and common-port rules throw on references. */
export const COMPLIANCE_PACKS = ['HIPAA.Security', 'NIST.800.53.R5', 'PCI.DSS.321'];

/**
 * Acknowledges, on one security group, the false positives of cdk-nag's `EC2RestrictedSSH` and
 * `EC2RestrictedCommonPorts` (HIPAA, NIST 800-53 R5, PCI DSS): the rules throw ("Rule threw an
 * error during validation") when an ingress source is a reference such as the VPC's CIDR block,
 * and report the throw as a finding. `what` says which ports the group admits, and from where.
 */
export function acknowledgeUnreadableIngress(securityGroup: IConstruct, what: string): void {
  Validations.of(securityGroup).acknowledge(...COMPLIANCE_PACKS.flatMap(pack => ['EC2RestrictedSSH', 'EC2RestrictedCommonPorts'].map(rule => ({
    id: `${pack}::${pack}-${rule}`,
    reason: `False positive: the rule throws on ingress sources that are references (intrinsic functions) instead of reading them. ${what}; `
      + 'no rule of the group opens SSH (22) or the other ports the rule lists to 0.0.0.0/0 or ::/0.',
  }))));
}
