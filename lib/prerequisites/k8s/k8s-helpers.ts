/**
 * What the Kubernetes-layer rules read: the load balancer the AWS Load Balancer Controller builds
 * for a Service or an Ingress (its target type and IP address type, after IngressClassParams,
 * annotations and the controller's Helm values), the pod template of a workload, and the gate
 * every rule shares (only objects of an IPv6 cluster are judged).
 *
 * Sources: AWS Load Balancer Controller docs, "Service annotations", "Ingress annotations" and
 * "IngressClass" (kubernetes-sigs.github.io/aws-load-balancer-controller); its Helm chart's
 * values.yaml (`defaultTargetType`: "Used as the default value of the alb.ingress.kubernetes.io/target-type
 * and service.beta.kubernetes.io/aws-load-balancer-nlb-target-type annotations", default `instance`;
 * `ingressClass: alb`; `ingressClassParams.spec`; `createIngressClassResource: true`). Other values of
 * the chart (`serviceTargetENISGTags`, `enableServiceMutatorWebhook`...) decide none of these facts.
 */
import { annotation, clusterKey, clusterObjectsOfKind, field, HELM_CHART, KubernetesObject, objectsOf, onIpv6Cluster } from '../../engine/kubernetes/kubernetes-objects';
import { cannotJudge, describe, isObject, NOT_APPLICABLE, TemplateModel, Unresolved, Verdict, verdictOf } from '../../engine/template-model';
import { isUnknown, literalJson } from '../eks/eks-cluster-helpers';

export const SERVICE_NLB_TARGET_TYPE = 'service.beta.kubernetes.io/aws-load-balancer-nlb-target-type';
export const SERVICE_LOAD_BALANCER_TYPE = 'service.beta.kubernetes.io/aws-load-balancer-type';
export const SERVICE_IP_ADDRESS_TYPE = 'service.beta.kubernetes.io/aws-load-balancer-ip-address-type';
export const INGRESS_TARGET_TYPE = 'alb.ingress.kubernetes.io/target-type';
export const INGRESS_IP_ADDRESS_TYPE = 'alb.ingress.kubernetes.io/ip-address-type';
export const INGRESS_AUTH_TYPE = 'alb.ingress.kubernetes.io/auth-type';

/** The `aws-load-balancer-type` value that means an NLB with IP targets (deprecated, still read). */
export const NLB_IP = 'nlb-ip';
/** The controller's default target type, for Services and Ingresses alike (Helm `defaultTargetType`). */
export const CONTROLLER_DEFAULT_TARGET_TYPE = 'instance';
/** The IP address type of a load balancer whose annotation is absent. */
export const CONTROLLER_DEFAULT_IP_ADDRESS_TYPE = 'ipv4';
/** The `spec.controller` of an IngressClass the AWS Load Balancer Controller serves. */
export const ALB_INGRESS_CONTROLLER = 'ingress.k8s.aws/alb';
/** The `spec.loadBalancerClass` of a Service the AWS Load Balancer Controller serves. */
export const NLB_LOAD_BALANCER_CLASS = 'service.k8s.aws/nlb';
/** The Helm chart of the AWS Load Balancer Controller, and its default `ingressClass`. */
export const CONTROLLER_CHART = 'aws-load-balancer-controller';
export const CONTROLLER_DEFAULT_INGRESS_CLASS = 'alb';

/** The kinds of workloads, and where each keeps its pod spec. */
export const WORKLOAD_POD_SPECS: { [kind: string]: string[] } = {
  Pod: ['spec'],
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

/**
 * The verdict for a manifest or chart that is not on an IPv6 cluster (NOT_APPLICABLE) or whose
 * cluster is not known (cannot judge); `undefined` when the rule judges it.
 */
export function unlessOnIpv6Cluster(template: TemplateModel, logicalId: string): Verdict | undefined {
  const ipv6 = onIpv6Cluster(template, logicalId);
  if (ipv6 instanceof Unresolved) {
    return cannotJudge(ipv6.what);
  }
  return ipv6 ? undefined : NOT_APPLICABLE;
}

/**
 * Judges each object of a manifest of an IPv6 cluster: `judge` returns a fault (`true`), an
 * `Unresolved`, or `false`. The manifest itself unreadable is a cannot-judge.
 */
export function judgeObjects(template: TemplateModel, logicalId: string, judge: (object: KubernetesObject) => boolean | Unresolved,
  gate: boolean = true): Verdict {
  const objects = objectsOf(template, logicalId);
  const findings: string[] = [];
  const unresolved: Unresolved[] = [];
  for (const object of objects instanceof Unresolved ? [] : objects) {
    const result = judge(object);
    if (result instanceof Unresolved) {
      unresolved.push(result);
    } else if (result) {
      findings.push(`${object.kind}::${object.name}`);
    }
  }
  if (findings.length === 0 && unresolved.length === 0 && !(objects instanceof Unresolved)) {
    return NOT_APPLICABLE;
  }
  if (gate) {
    const verdict = unlessOnIpv6Cluster(template, logicalId);
    if (verdict !== undefined) {
      return verdict;
    }
  }
  return objects instanceof Unresolved ? verdictOf(findings, [objects]) : verdictOf(findings, unresolved);
}

/** The load balancer settings that decide the rules, each a lower-case value or `Unresolved`. */
export interface LoadBalancerSettings {
  readonly kind: 'nlb' | 'alb';
  readonly targetType: string | Unresolved;
  readonly ipAddressType: string | Unresolved;
  /** ALBs: `none`, `oidc` or `cognito`. */
  readonly authType?: string | Unresolved;
}

/** The settings of the AWS Load Balancer Controller's Helm charts on a cluster. */
interface ControllerChart {
  readonly defaultTargetType: string | Unresolved;
  readonly ingressClass: string | Unresolved;
  /** The spec of the IngressClassParams the chart creates, when it creates one. */
  readonly ingressClassParams?: { [key: string]: any } | Unresolved;
}

/** Whether a Helm chart resource installs the AWS Load Balancer Controller. */
export function isControllerChart(template: TemplateModel, logicalId: string): boolean {
  const chart = template.resource(logicalId)?.Properties?.Chart;
  return typeof chart === 'string' && (chart === CONTROLLER_CHART || chart.endsWith(`/${CONTROLLER_CHART}`));
}

/** The controller chart's values, as it reads them. */
export function controllerChart(template: TemplateModel, chartId: string): ControllerChart {
  const values = template.resource(chartId)?.Properties?.Values;
  const parsed = values === undefined ? {} : literalJson(values, `the values of Helm chart ${chartId}`);
  if (parsed instanceof Unresolved || !isObject(parsed)) {
    const what = parsed instanceof Unresolved ? parsed : new Unresolved(`the values of Helm chart ${chartId} are ${describe(values)}`);
    return { defaultTargetType: what, ingressClass: what, ingressClassParams: what };
  }
  const text = (value: unknown, fallback: string, name: string): string | Unresolved => value === undefined || value === null ? fallback
    : typeof value === 'string' && !value.includes('\u00ab') ? value.toLowerCase()
      : new Unresolved(`${name} of Helm chart ${chartId} is ${describe(value)}`);
  const params = isObject(parsed.ingressClassParams) ? parsed.ingressClassParams : {};
  const createsParams = params.create !== false && params.create !== 'false' && parsed.createIngressClassResource !== false;
  return {
    defaultTargetType: text(parsed.defaultTargetType, CONTROLLER_DEFAULT_TARGET_TYPE, 'defaultTargetType'),
    ingressClass: text(parsed.ingressClass, CONTROLLER_DEFAULT_INGRESS_CLASS, 'ingressClass'),
    ingressClassParams: createsParams ? (isObject(params.spec) ? params.spec : {}) : undefined,
  };
}

/** The controller charts installed on the cluster of the resource `logicalId`. */
function controllerChartsOf(template: TemplateModel, logicalId: string): ControllerChart[] {
  const byCluster = template.cached('k8s\0controllerCharts', () => {
    const map = new Map<string, ControllerChart[]>();
    for (const [id] of template.resourcesOfType(HELM_CHART)) {
      if (isControllerChart(template, id)) {
        const key = clusterKey(template, id);
        map.set(key, [...map.get(key) ?? [], controllerChart(template, id)]);
      }
    }
    return map;
  });
  return byCluster.get(clusterKey(template, logicalId)) ?? [];
}

/** The default target type on the cluster: the controller chart's `defaultTargetType`, else the controller's own default. */
function defaultTargetType(charts: ControllerChart[]): string | Unresolved {
  return charts.length > 0 ? charts[0].defaultTargetType : CONTROLLER_DEFAULT_TARGET_TYPE;
}

function lower(value: unknown, what: string): string | undefined | Unresolved {
  if (value === undefined || value instanceof Unresolved) {
    return value as undefined | Unresolved;
  }
  if (typeof value === 'string' && !isUnknown(value)) {
    return value.toLowerCase();
  }
  return new Unresolved(`${what} is ${describe(value)}${typeof value === 'string' ? ', with a part the template does not define' : ', not a string'}`);
}

/**
 * The NLB the controller builds for a Service of type LoadBalancer; `undefined` for any other
 * Service, and for one another controller serves (another `loadBalancerClass`). A Service with no
 * class and no annotation gets the controller's defaults (its webhook claims new Services), or the
 * in-tree controller's instance-mode load balancer: instance mode and IPv4 either way.
 */
export function serviceLoadBalancer(template: TemplateModel, logicalId: string, service: KubernetesObject): LoadBalancerSettings | undefined {
  if (service.kind !== 'Service' || field(service, ['spec', 'type']) !== 'LoadBalancer') {
    return undefined;
  }
  const loadBalancerClass = field(service, ['spec', 'loadBalancerClass']);
  if (loadBalancerClass !== undefined && loadBalancerClass !== NLB_LOAD_BALANCER_CLASS) {
    return undefined;
  }
  const type = lower(annotation(service, SERVICE_LOAD_BALANCER_TYPE), SERVICE_LOAD_BALANCER_TYPE);
  const targetType = type === NLB_IP ? 'ip'
    : lower(annotation(service, SERVICE_NLB_TARGET_TYPE), SERVICE_NLB_TARGET_TYPE) ?? defaultTargetType(controllerChartsOf(template, logicalId));
  return {
    kind: 'nlb',
    targetType,
    ipAddressType: lower(annotation(service, SERVICE_IP_ADDRESS_TYPE), SERVICE_IP_ADDRESS_TYPE) ?? CONTROLLER_DEFAULT_IP_ADDRESS_TYPE,
  };
}

/**
 * The ALB the controller builds for an Ingress of its class; `undefined` for an Ingress of another
 * controller. The class is the `kubernetes.io/ingress.class` annotation or `spec.ingressClassName`,
 * an IngressClass of the cluster's manifests (or the one the controller's chart creates), or the
 * default IngressClass. IngressClassParams settings override the Ingress's annotations.
 */
export function ingressLoadBalancer(template: TemplateModel, logicalId: string, ingress: KubernetesObject): LoadBalancerSettings | undefined {
  if (ingress.kind !== 'Ingress') {
    return undefined;
  }
  const charts = controllerChartsOf(template, logicalId);
  const params = ingressClassParamsOf(template, logicalId, ingress, charts);
  if (params === undefined) {
    return undefined;
  }
  const fromParams = (key: string) => params instanceof Unresolved ? params : lower(params[key], `IngressClassParams spec.${key}`);
  const targetType = fromParams('targetType') ?? lower(annotation(ingress, INGRESS_TARGET_TYPE), INGRESS_TARGET_TYPE) ?? defaultTargetType(charts);
  const ipAddressType = fromParams('ipAddressType') ?? lower(annotation(ingress, INGRESS_IP_ADDRESS_TYPE), INGRESS_IP_ADDRESS_TYPE)
    ?? CONTROLLER_DEFAULT_IP_ADDRESS_TYPE;
  return { kind: 'alb', targetType, ipAddressType, authType: lower(annotation(ingress, INGRESS_AUTH_TYPE), INGRESS_AUTH_TYPE) ?? 'none' };
}

/**
 * The IngressClassParams spec of the controller's class an Ingress belongs to (`{}` without one),
 * `undefined` when the Ingress is not the controller's.
 */
function ingressClassParamsOf(template: TemplateModel, logicalId: string, ingress: KubernetesObject, charts: ControllerChart[])
  : { [key: string]: any } | Unresolved | undefined {
  const classes = clusterObjectsOfKind(template, logicalId, 'IngressClass');
  const className = field(ingress, ['spec', 'ingressClassName']) ?? annotation(ingress, 'kubernetes.io/ingress.class');
  if (className instanceof Unresolved) {
    return className;
  }
  const ingressClass = className === undefined
    ? classes.find(c => annotation(c, 'ingressclass.kubernetes.io/is-default-class') === 'true')
    : classes.find(c => c.body.metadata?.name === className);
  if (ingressClass !== undefined) {
    if (field(ingressClass, ['spec', 'controller']) !== ALB_INGRESS_CONTROLLER) {
      return undefined;
    }
    const parameters = field(ingressClass, ['spec', 'parameters']);
    if (parameters instanceof Unresolved) {
      return parameters;
    }
    if (!isObject(parameters) || parameters.kind !== 'IngressClassParams') {
      return {};
    }
    const params = clusterObjectsOfKind(template, logicalId, 'IngressClassParams').find(p => p.body.metadata?.name === parameters.name);
    const chart = charts.find(c => c.ingressClassParams !== undefined && (c.ingressClass === ingressClass.body.metadata?.name));
    // Read raw: each setting is checked for unresolved parts where it is read (a certificate ARN may be a token).
    const spec = params !== undefined ? params.body.spec : chart?.ingressClassParams;
    return spec instanceof Unresolved ? spec : isObject(spec) ? spec : {};
  }
  if (className === undefined) {
    return undefined;
  }
  const chart = charts.find(c => c.ingressClass === className);
  if (chart !== undefined) {
    return chart.ingressClassParams ?? {};
  }
  // The controller's conventional class, created by its chart outside these manifests.
  return className === CONTROLLER_DEFAULT_INGRESS_CLASS ? {} : undefined;
}

/** The load balancer the controller builds for a Service or an Ingress it serves; `undefined` for any other object. */
export function loadBalancerSettings(template: TemplateModel, logicalId: string, object: KubernetesObject): LoadBalancerSettings | undefined {
  return serviceLoadBalancer(template, logicalId, object) ?? ingressLoadBalancer(template, logicalId, object);
}

/** A fault when a setting is not one of `allowed` (lower case); an absent setting is none, an unresolved one cannot be judged. */
export function settingFault(value: unknown, allowed: string[]): boolean | Unresolved {
  return value instanceof Unresolved ? value : value !== undefined && !allowed.includes(String(value).toLowerCase());
}

/**
 * A field of the pod spec of a workload (`['nodeSelector']`), as `field` reads it; `undefined` for an
 * object that is not a workload. Read field by field: an image from a token leaves the rest judgeable.
 */
export function podSpecField(object: KubernetesObject, path: string[]): unknown {
  const spec = WORKLOAD_POD_SPECS[object.kind];
  return spec === undefined ? undefined : field(object, [...spec, ...path]);
}
