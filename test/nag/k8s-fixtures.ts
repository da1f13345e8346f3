import { CfnResource, Stack } from 'aws-cdk-lib';
import * as eks from 'aws-cdk-lib/aws-eks';
import { Construct } from 'constructs';
import { newStack } from './support';
import { HELM_CHART, KUBERNETES_RESOURCE } from '../../lib/engine/kubernetes/kubernetes-objects';

const SERVICE_TOKEN = 'arn:aws:lambda:us-east-1:123456789012:function:kubectl-provider';

/** An EKS cluster `Cluster` of `ipFamily` (L1; `null` leaves it out), without a VPC of the template. */
export function cluster(scope: Construct, ipFamily: string | null = 'ipv6'): eks.CfnCluster {
  return new eks.CfnCluster(scope, 'Cluster', {
    roleArn: 'arn:aws:iam::123456789012:role/eks-cluster',
    resourcesVpcConfig: { subnetIds: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'] },
    kubernetesNetworkConfig: ipFamily === null ? undefined : { ipFamily },
  });
}

/** A manifest as aws-cdk-lib's `addManifest` writes it: the objects as a JSON string, on the cluster `clusterName`. */
export function manifest(scope: Construct, clusterName: string, objects: object[], id = 'Manifest'): CfnResource {
  return new CfnResource(scope, id, {
    type: KUBERNETES_RESOURCE,
    properties: { ServiceToken: SERVICE_TOKEN, ClusterName: clusterName, Manifest: Stack.of(scope).toJsonString(objects) },
  });
}

/** A Helm chart as aws-cdk-lib's `addHelmChart` writes it. */
export function helmChart(scope: Construct, clusterName: string, chart: string, values: object, id = 'Chart'): CfnResource {
  return new CfnResource(scope, id, {
    type: HELM_CHART,
    properties: { ServiceToken: SERVICE_TOKEN, ClusterName: clusterName, Chart: chart, Values: Stack.of(scope).toJsonString(values) },
  });
}

/** A stack with a cluster of `ipFamily` and one manifest `Manifest` of the objects. */
export function manifestStack(objects: object[], ipFamily: string | null = 'ipv6'): Stack {
  const stack = newStack();
  manifest(stack, cluster(stack, ipFamily).ref, objects);
  return stack;
}

/** A stack with one manifest on a cluster the template does not define. */
export function importedClusterStack(objects: object[]): Stack {
  const stack = newStack();
  manifest(stack, 'imported-cluster', objects);
  return stack;
}

export function meta(name: string, annotations?: { [key: string]: string }, namespace = 'shop') {
  return { name, namespace, ...annotations ? { annotations } : {} };
}

/** A Service of type LoadBalancer (or `type`) with the annotations and spec fields. */
export function service(annotations?: { [key: string]: string }, spec: object = {}, type = 'LoadBalancer') {
  return { apiVersion: 'v1', kind: 'Service', metadata: meta('web', annotations), spec: { type, selector: { app: 'web' }, ports: [{ port: 80 }], ...spec } };
}

/** An Ingress of the class (`alb` unless given) with the annotations. */
export function ingress(annotations?: { [key: string]: string }, ingressClassName: string | undefined = 'alb') {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: meta('web', annotations),
    spec: {
      ...ingressClassName === undefined ? {} : { ingressClassName },
      rules: [{ http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] } }],
    },
  };
}

/** A Deployment whose pod spec has the fields. */
export function deployment(podSpec: object = {}) {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: meta('web'),
    spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx' }], ...podSpec } } },
  };
}
