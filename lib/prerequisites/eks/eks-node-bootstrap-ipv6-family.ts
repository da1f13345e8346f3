import {
  EKS_CLUSTER, hasPlaceholder, isGetAttOf, LAUNCH_TEMPLATE, nodeBootstrapOf, nodeConfigCidr, nodegroupsUsing,
  templateHasIpv6Cluster, userDataOf, userDataTargetsIpv6Cluster, userDataText,
} from './eks-node-helpers';
import { cannotJudge, COMPLIANT, nonCompliant, NOT_APPLICABLE, Unresolved } from '../../engine/template-model';
import { Prerequisite } from '../prerequisite';

/**
 * EKS-IPV6-16: self-managed nodes of an IPv6 cluster tell the bootstrap the IPv6 family.
 */
export const EksNodeBootstrapIpv6Family: Prerequisite = {
  id: 'EKS-IPV6-16',
  level: 'error',
  resourceTypes: ['AWS::EC2::LaunchTemplate', 'AWS::AutoScaling::LaunchConfiguration'],
  statement: 'The user data of self-managed nodes of an IPv6 EKS cluster bootstraps them for IPv6: bootstrap.sh with --ip-family ipv6 and --service-ipv6-cidr, or a nodeadm NodeConfig with spec.cluster.cidr.',
  why: 'The node bootstrap assumes IPv4 unless told otherwise: the Amazon Linux 2 /etc/eks/bootstrap.sh needs --ip-family ipv6 and '
    + '--service-ipv6-cidr, and the Amazon Linux 2023 nodeadm derives the family from the service CIDR in NodeConfig spec.cluster.cidr. '
    + 'Without them the kubelet gets an IPv4 cluster DNS address and node IP, so the node does not register or its pods cannot resolve '
    + 'names.',
  fix: 'add the two bootstrap.sh arguments, or set spec.cluster.cidr to the cluster\'s service IPv6 CIDR (Fn::GetAtt '
    + 'KubernetesNetworkConfig.ServiceIpv6Cidr).',
  source: 'Amazon EKS user guide, IPv6 addresses for clusters, pods and services; Amazon EKS node bootstrap docs (bootstrap.sh options; '
    + 'nodeadm NodeConfig reference).',
  evaluate(logicalId, template) {
    const resource = template.resource(logicalId);
    const userData = userDataOf(resource);
    if (userData === undefined) {
      return NOT_APPLICABLE;
    }
    if (resource?.Type === LAUNCH_TEMPLATE && resource.Properties?.LaunchTemplateData?.ImageId === undefined
      && nodegroupsUsing(template, logicalId).length > 0) {
      // A managed node group on an EKS AMI: EKS bootstraps the node and merges this user data into its own.
      return NOT_APPLICABLE;
    }
    const text = userDataText(userData);
    if (text instanceof Unresolved) {
      const ipv6 = templateHasIpv6Cluster(template);
      return ipv6 === false ? NOT_APPLICABLE : cannotJudge(ipv6 instanceof Unresolved ? ipv6.what : text.what);
    }
    const bootstrap = nodeBootstrapOf(text);
    if (!bootstrap.bootstrapScript && !bootstrap.nodeConfig) {
      return NOT_APPLICABLE;
    }
    const ipv6 = userDataTargetsIpv6Cluster(template, text);
    if (ipv6 instanceof Unresolved) {
      return cannotJudge(ipv6.what);
    }
    if (!ipv6) {
      return NOT_APPLICABLE;
    }
    const findings: string[] = [];
    let unresolved: string | undefined;
    if (bootstrap.bootstrapScript) {
      if (!/--ip-family(\s+|=)["']?ipv6\b/.test(text)) {
        findings.push('BootstrapArgument::--ip-family');
      }
      if (!/--service-ipv6-cidr(\s+|=)\S/.test(text)) {
        findings.push('BootstrapArgument::--service-ipv6-cidr');
      }
    }
    if (bootstrap.nodeConfig) {
      const cidr = nodeConfigCidr(text);
      if (cidr === undefined || (!hasPlaceholder(cidr) && !cidr.includes(':'))) {
        findings.push('NodeConfig::spec.cluster.cidr');
      } else if (hasPlaceholder(cidr) && !isGetAttOf(template, cidr, EKS_CLUSTER, 'KubernetesNetworkConfig.ServiceIpv6Cidr')) {
        unresolved = `NodeConfig spec.cluster.cidr is ${cidr.replace(/[\u27e6\u27e7]/g, '')}, not the service IPv6 CIDR of a cluster in this template`;
      }
    }
    if (findings.length > 0) {
      return nonCompliant(findings);
    }
    return unresolved !== undefined ? cannotJudge(unresolved) : COMPLIANT;
  },
};
