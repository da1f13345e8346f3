import { EKS_CLUSTER_TYPES, unlessIpv6Cluster } from './eks-cluster-helpers';
import { COMPLIANT, nonCompliant } from '../../engine/template-model';
import { Prerequisite } from '../prerequisite';

/** The property of `AWS::EKS::Cluster` that turns on EKS Hybrid Nodes. */
export const REMOTE_NETWORK_CONFIG = 'RemoteNetworkConfig';

/**
 * EKS-IPV6-20: an IPv6 cluster has no remote network configuration (EKS Hybrid Nodes).
 */
export const EksClusterNoHybridNodes: Prerequisite = {
  id: 'EKS-IPV6-20',
  level: 'error',
  resourceTypes: EKS_CLUSTER_TYPES,
  statement: 'The IPv6 EKS cluster has no RemoteNetworkConfig: EKS Hybrid Nodes are not used with it.',
  why: 'EKS Hybrid Nodes take only IPv4 remote node and pod networks (RFC 1918 blocks in dotted-quad notation), so hybrid nodes cannot '
    + 'join an IPv6 cluster with pod addresses of its family: the remote network configuration is refused or the nodes never work.',
  fix: 'run hybrid nodes in an IPv4 cluster, and keep the IPv6 cluster to nodes in the VPC (managed, self-managed, Fargate or EKS Auto Mode).',
  source: 'Amazon EKS API reference, RemoteNodeNetwork and RemotePodNetwork ("Enter one or more IPv4 CIDR blocks ... within an IPv4 RFC-1918 network range").',
  evaluate(logicalId, template) {
    const gate = unlessIpv6Cluster(template, logicalId);
    if (gate !== undefined) {
      return gate;
    }
    const props = template.resource(logicalId)?.Properties ?? {};
    const config = props[REMOTE_NETWORK_CONFIG] ?? props.Config?.remoteNetworkConfig;
    return config !== undefined ? nonCompliant([`Cluster::${REMOTE_NETWORK_CONFIG}`]) : COMPLIANT;
  },
};
