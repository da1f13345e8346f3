/**
 * The Kubernetes objects of a template, wherever CDK keeps them: the manifests of
 * `Custom::AWSCDK-EKS-KubernetesResource` (aws-eks and aws-eks-v2 `addManifest`, a JSON string that
 * `Stack.toJsonString` may have joined with tokens) and the values of the AWS Load Balancer
 * Controller's `Custom::AWSCDK-EKS-HelmChart`. Plain manifest files reach the same functions as a
 * template built by `manifest-template.ts`, so the rules judge one form.
 *
 * A field whose text holds a part the template does not define reads as `Unresolved`; the other
 * fields of the object are judged.
 */
import { clusterNamed, isIpv6Cluster, isUnknown, literalJson } from '../../prerequisites/eks/eks-cluster-helpers';
import { describe, isObject, TemplateModel, Unresolved } from '../template-model';

/** The resource type of a Kubernetes manifest applied by aws-cdk-lib's kubectl provider (aws-eks and aws-eks-v2). */
export const KUBERNETES_RESOURCE = 'Custom::AWSCDK-EKS-KubernetesResource';

/** The resource type of a Helm release installed by aws-cdk-lib's kubectl provider. */
export const HELM_CHART = 'Custom::AWSCDK-EKS-HelmChart';

/** One Kubernetes object of a manifest. */
export interface KubernetesObject {
  readonly kind: string;
  /** `namespace/name`, or `name` for an object without a namespace. */
  readonly name: string;
  /** The object as written, with unresolved parts marked (see `field`). */
  readonly body: { [key: string]: any };
}

/** The part name of an object in a finding: `Kind::namespace/name`. */
export function partOf(object: KubernetesObject): string {
  return `${object.kind}::${object.name}`;
}

/**
 * The objects of the manifest resource `logicalId`: `List` kinds are read item by item. `Unresolved`
 * when the manifest is not a JSON document the template defines (a parameter, YAML text, a number
 * joined from a token).
 */
export function objectsOf(template: TemplateModel, logicalId: string): KubernetesObject[] | Unresolved {
  const resource = template.resource(logicalId);
  if (resource === undefined) {
    return [];
  }
  // Keyed by the resource itself (the objects depend on its manifest alone): the rules ask for every
  // manifest once each, and a lookup must not cost a new key string.
  let objects = OBJECTS.get(resource);
  if (objects === undefined) {
    objects = readObjects(resource.Properties?.Manifest, logicalId);
    OBJECTS.set(resource, objects);
  }
  return objects;
}

const OBJECTS = new WeakMap<object, KubernetesObject[] | Unresolved>();

function readObjects(property: unknown, logicalId: string): KubernetesObject[] | Unresolved {
  // CDK writes a JSON string; plain manifests read by `check` come as the objects themselves (no round trip through text).
  const manifest = Array.isArray(property) ? property : literalJson(property, `the manifest of ${logicalId}`);
  if (manifest instanceof Unresolved) {
    return manifest;
  }
  const objects: KubernetesObject[] = [];
  const add = (value: unknown) => {
    if (!isObject(value)) {
      return;
    }
    if (typeof value.kind === 'string' && value.kind.endsWith('List') && Array.isArray(value.items)) {
      value.items.forEach(add);
    } else if (typeof value.kind === 'string') {
      const metadata = isObject(value.metadata) ? value.metadata : {};
      const name = typeof metadata.name === 'string' ? metadata.name : '(unnamed)';
      objects.push({ kind: value.kind, name: typeof metadata.namespace === 'string' ? `${metadata.namespace}/${name}` : name, body: value });
    }
  };
  (Array.isArray(manifest) ? manifest : [manifest]).forEach(add);
  return objects;
}

/**
 * A field of an object by path (`['spec', 'ipFamilyPolicy']`): the value, `undefined` when absent,
 * or `Unresolved` when it holds a part the template does not define.
 */
export function field(object: KubernetesObject, path: string[]): unknown {
  let value: unknown = object.body;
  for (const key of path) {
    value = isObject(value) ? value[key] : undefined;
  }
  return containsUnknown(value) ? new Unresolved(`${path.join('.')} of ${partOf(object)} is ${describe(value)}, with a part the template does not define`) : value;
}

/** An annotation of the object, as `field` reads it. */
export function annotation(object: KubernetesObject, key: string): unknown {
  const annotations = object.body.metadata?.annotations;
  const value = isObject(annotations) ? annotations[key] : undefined;
  return isUnknown(value) ? new Unresolved(`annotation ${key} of ${partOf(object)} is ${describe(value)}, with a part the template does not define`) : value;
}

function containsUnknown(value: unknown): boolean {
  if (typeof value === 'string') {
    return isUnknown(value);
  }
  if (Array.isArray(value)) {
    return value.some(containsUnknown);
  }
  return isObject(value) && Object.values(value).some(containsUnknown);
}

/**
 * Whether the cluster a manifest or chart is applied to (its `ClusterName`) is an IPv6 cluster:
 * `Unresolved` when the cluster or its IP family is not in the template.
 */
export function onIpv6Cluster(template: TemplateModel, logicalId: string): boolean | Unresolved {
  return perResource(template, 'k8s\0onIpv6Cluster', logicalId, () => {
    const cluster = clusterNamed(template, template.resource(logicalId)?.Properties?.ClusterName);
    return cluster instanceof Unresolved ? cluster : isIpv6Cluster(template, cluster);
  });
}

/** A value of one resource of one template, computed once (`name` is a constant: no key is built per call). */
function perResource<T>(template: TemplateModel, name: string, logicalId: string, compute: () => T): T {
  const cache = template.cached(name, () => new Map<string, T>());
  if (!cache.has(logicalId)) {
    cache.set(logicalId, compute());
  }
  return cache.get(logicalId) as T;
}

/** A key for the cluster a resource is applied to: the cluster's logical id, or the text of its `ClusterName`. */
export function clusterKey(template: TemplateModel, logicalId: string): string {
  return perResource(template, 'k8s\0clusterKey', logicalId, () => {
    const name = template.resource(logicalId)?.Properties?.ClusterName;
    const cluster = clusterNamed(template, name);
    return cluster instanceof Unresolved ? JSON.stringify(name ?? null) : cluster;
  });
}

/**
 * The objects of `kind` of every manifest applied to the same cluster as `logicalId` (IngressClasses
 * and their parameters live apart from Ingresses), indexed once per template.
 */
export function clusterObjectsOfKind(template: TemplateModel, logicalId: string, kind: string): KubernetesObject[] {
  const index = template.cached('k8s\0clusterObjects', () => {
    const map = new Map<string, Map<string, KubernetesObject[]>>();
    for (const [id] of template.resourcesOfType(KUBERNETES_RESOURCE)) {
      const objects = objectsOf(template, id);
      const key = clusterKey(template, id);
      const byKind = map.get(key) ?? new Map<string, KubernetesObject[]>();
      map.set(key, byKind);
      for (const object of objects instanceof Unresolved ? [] : objects) {
        const list = byKind.get(object.kind);
        if (list === undefined) {
          byKind.set(object.kind, [object]);
        } else {
          list.push(object);
        }
      }
    }
    return map;
  });
  return index.get(clusterKey(template, logicalId))?.get(kind) ?? [];
}
