import { judgeObjects, podSpecField } from './k8s-helpers';
import { KUBERNETES_RESOURCE } from '../../engine/kubernetes/kubernetes-objects';
import { isObject, Unresolved } from '../../engine/template-model';
import { Prerequisite } from '../prerequisite';

/** The node labels that select the operating system, and the value that asks for Windows nodes. */
export const OS_NODE_LABELS = ['kubernetes.io/os', 'beta.kubernetes.io/os'];
export const WINDOWS_OS = 'windows';

/**
 * K8S-IPV6-4: no workload of an IPv6 cluster asks for Windows nodes.
 */
export const K8sNoWindowsPods: Prerequisite = {
  id: 'K8S-IPV6-4',
  level: 'error',
  resourceTypes: [KUBERNETES_RESOURCE],
  statement: 'No workload (Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob) of an IPv6 EKS cluster selects '
    + `${OS_NODE_LABELS[0]}: ${WINDOWS_OS} by nodeSelector or by required node affinity.`,
  why: 'Windows pods and services are not supported on IPv6 clusters: there are no Windows nodes for them to run on, so the pods stay Pending.',
  fix: 'run the workload on Linux nodes, or on a separate IPv4 cluster if it needs Windows.',
  source: 'Amazon EKS user guide, "IPv6 addresses for clusters, pods and services" (Windows pods and services are not supported).',
  evaluate(logicalId, template) {
    return judgeObjects(template, logicalId, object => {
      const nodeSelector = podSpecField(object, ['nodeSelector']);
      const affinity = podSpecField(object, ['affinity', 'nodeAffinity', 'requiredDuringSchedulingIgnoredDuringExecution']);
      if (selectsWindows({ nodeSelector, affinity })) {
        return true;
      }
      return nodeSelector instanceof Unresolved ? nodeSelector : affinity instanceof Unresolved ? affinity : false;
    });
  },
};

/** Whether a pod's `nodeSelector` or required node affinity selects Windows nodes (each term's `In` lists only windows). */
function selectsWindows(spec: unknown): boolean {
  if (!isObject(spec)) {
    return false;
  }
  const isWindows = (value: unknown) => typeof value === 'string' && value.toLowerCase() === WINDOWS_OS;
  if (isObject(spec.nodeSelector) && OS_NODE_LABELS.some(label => isWindows(spec.nodeSelector[label]))) {
    return true;
  }
  const terms = isObject(spec.affinity) ? spec.affinity.nodeSelectorTerms : undefined;
  // The terms are ORed: the pod needs Windows only when every term asks for it.
  return Array.isArray(terms) && terms.length > 0 && terms.every((term: unknown) => isObject(term) && Array.isArray(term.matchExpressions)
    && term.matchExpressions.some((e: unknown) => isObject(e) && OS_NODE_LABELS.includes(e.key) && e.operator === 'In'
      && Array.isArray(e.values) && e.values.length > 0 && e.values.every(isWindows)));
}
