import { clusterNamed, isIpv6Cluster, isUnknown, literalJson } from './eks-cluster-helpers';
import { versionAtLeast } from '../../core/version';
import { cannotJudge, COMPLIANT, describe, isObject, nonCompliant, NOT_APPLICABLE, Unresolved, Verdict } from '../../engine/template-model';
import { Prerequisite } from '../prerequisite';

/** The first controller version that supports IPv6 clusters (IP targets of IPv6 pods). */
export const LOAD_BALANCER_CONTROLLER_IPV6_MINIMUM_VERSION: [number, number, number] = [2, 3, 1];

/** The first Helm chart version of aws/eks-charts that ships controller v2.3.1 (Chart.yaml 1.3.3, appVersion v2.3.1). */
const CHART_MINIMUM: [number, number, number] = [1, 3, 3];

/** The Helm chart of the controller. */
const CHART = 'aws-load-balancer-controller';

/**
 * EKS-IPV6-13: the AWS Load Balancer Controller of an IPv6 cluster is v2.3.1 or later.
 */
export const EksAddonLoadBalancerControllerVersion: Prerequisite = {
  id: 'EKS-IPV6-13',
  level: 'error',
  resourceTypes: ['Custom::AWSCDK-EKS-HelmChart'],
  statement: 'The AWS Load Balancer Controller Helm chart of an IPv6 EKS cluster installs controller v2.3.1 or later (image.tag, else chart 1.3.3 or later).',
  why: 'Load balancers for an IPv6 cluster need AWS Load Balancer Controller v2.3.1 or later: older controllers cannot register IPv6 pod '
    + 'IPs as targets nor create dualstack load balancers, so Ingresses and Services of type LoadBalancer never get working targets. The '
    + 'controller that runs is the Helm value image.tag when it is set (aws-cdk-lib\'s AlbController pins it: AlbControllerVersion.V2_2_4 '
    + 'installs chart 1.4.1 with image v2.2.4), else the chart\'s appVersion; chart 1.3.3 is the first that ships v2.3.1 (aws/eks-charts '
    + 'stable/aws-load-balancer-controller/Chart.yaml, commit b50f53f "sync aws-load-balancer-controller chart from upstream for v2.3.1", '
    + '2021-12-08; chart 1.3.2 ships v2.3.0).',
  fix: 'AlbControllerVersion.V2_3_1 or later, or chart version 1.3.3 or later without an older image.tag.',
  source: 'Amazon EKS user guide, "IPv6 addresses for clusters, pods and services" and "Route internet traffic with AWS Load Balancer '
    + 'Controller".',
  evaluate(logicalId, template) {
    const props = template.resource(logicalId)?.Properties ?? {};
    if (typeof props.Chart !== 'string' || !props.Chart.split('/').includes(CHART)) {
      return NOT_APPLICABLE;
    }
    const cluster = clusterNamed(template, props.ClusterName);
    const ipv6 = cluster instanceof Unresolved ? cluster : isIpv6Cluster(template, cluster);
    if (ipv6 === false) {
      return NOT_APPLICABLE;
    }
    const verdict = controllerVerdict(props);
    // An older controller is a problem only on an IPv6 cluster: on one the template does not define, say so.
    return ipv6 instanceof Unresolved && verdict.kind === 'non-compliant' ? cannotJudge(ipv6.what) : verdict;
  },
};

function controllerVerdict(props: { [name: string]: any }): Verdict {
  const values = props.Values === undefined ? {} : literalJson(props.Values, 'the Helm chart\'s Values');
  if (values instanceof Unresolved) {
    return cannotJudge(values.what);
  }
  const tag = isObject(values) && isObject(values.image) ? values.image.tag : undefined;
  if (tag !== undefined) {
    const recent = isUnknown(tag) ? undefined : versionAtLeast(tag, LOAD_BALANCER_CONTROLLER_IPV6_MINIMUM_VERSION);
    if (recent === undefined) {
      return cannotJudge(`the controller image tag is ${isUnknown(tag) ? 'not defined in this template' : describe(tag)}`);
    }
    return recent ? COMPLIANT : nonCompliant();
  }
  if (props.Version === undefined) {
    return COMPLIANT; // Helm installs the latest chart.
  }
  const recent = versionAtLeast(props.Version, CHART_MINIMUM);
  if (recent === undefined) {
    return cannotJudge(`the chart version is ${describe(props.Version)}`);
  }
  return recent ? COMPLIANT : nonCompliant();
}
