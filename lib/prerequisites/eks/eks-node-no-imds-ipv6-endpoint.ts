import {
  EKS_NODEGROUP, launchTemplateOfNodegroup, nodeBootstrapOf, templateHasIpv6Cluster, unlessIpv6Nodegroup,
  usedByIpv6Nodegroup, userDataOf, userDataTargetsIpv6Cluster, userDataText,
} from './eks-node-helpers';
import { cannotJudge, COMPLIANT, describe, nonCompliant, NOT_APPLICABLE, TemplateModel, Unresolved } from '../../engine/template-model';
import { Prerequisite } from '../prerequisite';

/**
 * EKS-IPV6-15: launch templates of nodes of an IPv6 cluster do not turn on the IPv6 endpoint of
 * the instance metadata service.
 */
export const EksNodeNoImdsIpv6Endpoint: Prerequisite = {
  id: 'EKS-IPV6-15',
  level: 'error',
  resourceTypes: ['AWS::EC2::LaunchTemplate', 'AWS::EKS::Nodegroup'],
  statement: 'The launch template of nodes of an IPv6 EKS cluster does not set MetadataOptions.HttpProtocolIpv6: enabled.',
  why: 'Amazon EKS does not support the IPv6 endpoint of the instance metadata service (fd00:ec2::254) on the nodes of an IPv6 cluster: '
    + 'the node bootstrap, the VPC CNI and the kubelet read IMDS at 169.254.169.254, and a launch template that turns the IPv6 endpoint '
    + 'on is an unsupported node configuration (managed node groups reject or ignore it).',
  fix: 'leave HttpProtocolIpv6 out (disabled) in the node launch template.',
  source: 'Amazon EKS user guide, IPv6 addresses for clusters, pods and services (considerations); Amazon EKS, Customize managed nodes with '
    + 'launch templates.',
  evaluate(logicalId, template) {
    if (template.resource(logicalId)?.Type === EKS_NODEGROUP) {
      // The launch template is judged itself; the node group only when the template does not define it.
      const gate = unlessIpv6Nodegroup(template, logicalId);
      if (gate !== undefined) {
        return gate;
      }
      const launchTemplate = launchTemplateOfNodegroup(template, logicalId);
      return launchTemplate instanceof Unresolved ? cannotJudge(launchTemplate.what) : NOT_APPLICABLE;
    }
    const applies = forIpv6Nodes(template, logicalId);
    if (applies === false) {
      return NOT_APPLICABLE;
    }
    const setting = template.resource(logicalId)?.Properties?.LaunchTemplateData?.MetadataOptions?.HttpProtocolIpv6;
    if (setting === undefined || (typeof setting === 'string' && setting.toLowerCase() === 'disabled')) {
      return COMPLIANT;
    }
    if (typeof setting !== 'string') {
      return cannotJudge(`HttpProtocolIpv6 is ${describe(setting)}`);
    }
    return applies === true ? nonCompliant() : cannotJudge(applies.what);
  },
};

/**
 * Whether a launch template starts nodes of an IPv6 cluster: used by a node group of one, or
 * bootstrapping self-managed nodes (bootstrap.sh or a nodeadm NodeConfig) of one.
 */
function forIpv6Nodes(template: TemplateModel, launchTemplateId: string): boolean | Unresolved {
  const managed = usedByIpv6Nodegroup(template, launchTemplateId);
  if (managed === true) {
    return true;
  }
  let selfManaged: boolean | Unresolved = false;
  const userData = userDataOf(template.resource(launchTemplateId));
  if (userData !== undefined) {
    const text = userDataText(userData);
    if (text instanceof Unresolved) {
      selfManaged = templateHasIpv6Cluster(template) === false ? false : text;
    } else {
      const bootstrap = nodeBootstrapOf(text);
      selfManaged = bootstrap.bootstrapScript || bootstrap.nodeConfig ? userDataTargetsIpv6Cluster(template, text) : false;
    }
  }
  if (selfManaged === true) {
    return true;
  }
  return managed instanceof Unresolved ? managed : selfManaged;
}
