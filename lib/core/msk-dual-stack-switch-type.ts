/**
 * The CloudFormation type of the custom resource that switches an MSK cluster to dual-stack after
 * creation (`MskDualStackSwitch`); its `ClusterArn` property names the cluster. The rule pack reads
 * it to treat such a cluster as dual-stack. Permanent: CloudFormation replaces a resource whose
 * type changes.
 */
export const MSK_DUAL_STACK_SWITCH_TYPE = 'Custom::MskDualStackSwitch';
