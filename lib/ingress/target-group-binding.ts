import { Annotations, Token } from 'aws-cdk-lib';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { Construct } from 'constructs';
import { TargetGroupBindingIdentity } from './target-group-binding-identity';
import { invalidProp } from '../core/validation';
import { LOAD_BALANCER_CONTROLLER_IPV6_MINIMUM_VERSION } from '../prerequisites/eks/eks-addon-load-balancer-controller-version';
import { IPV6_POD_TARGET_TYPE } from '../prerequisites/eks/eks-target-group-ip-targets';

/**
 * The Kubernetes Service whose pods the AWS Load Balancer Controller registers in the target group.
 */
export interface KubernetesServiceReference {
  /** The Service name. */
  readonly name: string;

  /**
   * The Service's namespace.
   * @default 'default'
   */
  readonly namespace?: string;

  /**
   * The Service port (`spec.ports[].port`) whose target port the pods listen on.
   * @default - the target port of the load balancer
   */
  readonly port?: number;
}

const KUBERNETES_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Throws for a cluster that is not IPv6 or a Service reference that is not a Kubernetes name. */
export function validateBinding(scope: Construct, id: string, cluster: eks.ICluster | undefined,
  service: KubernetesServiceReference | undefined): void {
  if ((cluster === undefined) !== (service === undefined)) {
    invalidProp(scope, id, `${cluster === undefined ? 'service' : 'cluster'}: given without ${cluster === undefined ? 'cluster' : 'service'}; the `
      + 'TargetGroupBinding needs both the cluster and the Service whose pods it registers. Give both, or neither (and register targets yourself).');
  }
  if (cluster?.ipFamily === eks.IpFamily.IP_V4) {
    invalidProp(scope, id, `cluster: ${cluster.node.path} has the ipv4 IP family; this entry point sends IPv6 to IPv6 pods. Use an IPv6 cluster `
      + '(Ipv6EksCluster.cluster), or a load balancer with an IPv4 target group.');
  }
  if (service?.namespace !== undefined && Token.isUnresolved(service.namespace)) {
    invalidProp(scope, id, `service.namespace: ${service.namespace} is a token; the TargetGroupBinding's name is derived from the namespace so that `
      + 'moving the Service gives a new binding. Give the namespace as a literal.');
  }
  const servicePort = service?.port;
  if (servicePort !== undefined && !Token.isUnresolved(servicePort) && (!Number.isInteger(servicePort) || servicePort < 1 || servicePort > 65535)) {
    invalidProp(scope, id, `service.port: ${servicePort} is not a port (1-65535). Give the Service port (spec.ports[].port), or leave it out.`);
  }
  for (const [prop, value] of [['service.name', service?.name], ['service.namespace', service?.namespace]] as const) {
    if (value !== undefined && !Token.isUnresolved(value) && !KUBERNETES_NAME.test(value)) {
      invalidProp(scope, id, `${prop}: '${value}' is not a Kubernetes name (lower-case letters, digits and '-'). Give the ${prop === 'service.name' ? 'Service\'s name' : 'Service\'s namespace'}.`);
    }
  }
  if (cluster !== undefined && cluster.kubectlProvider === undefined) {
    invalidProp(scope, id, `cluster: ${cluster.node.path} has no kubectl provider, and the TargetGroupBinding is a Kubernetes manifest that a kubectl `
      + 'provider applies. Create the cluster with kubectlProviderOptions (with a kubectlLayer), or import it with kubectlProvider.');
  }
}

/**
 * A `TargetGroupBinding` (`elbv2.k8s.aws/v1beta1`, AWS Load Balancer Controller): the controller
 * registers the IPv6 addresses of the Service's pods in a target group that CloudFormation owns,
 * and never creates, changes or deletes a load balancer. The manifest has no `networking` section,
 * so the controller leaves security groups alone: CloudFormation admits the load balancer to the
 * pods. Fields: kubernetes-sigs/aws-load-balancer-controller apis/elbv2/v1beta1/targetgroupbinding_types.go
 * (`targetType` ip or instance, `ipAddressType` ipv4 or ipv6; `spec.ipAddressType` came with IPv6 target
 * groups, kubernetes-sigs/aws-load-balancer-controller PR #2284, controller v2.3).
 */
export function bindTargetGroup(scope: Construct, cluster: eks.ICluster, service: KubernetesServiceReference, targetGroup: elbv2.ITargetGroup,
  targetPort: number, identity: TargetGroupBindingIdentity): eks.KubernetesManifest {
  // Id and name carry the hash of what replaces the target group (see TargetGroupBindingIdentity): a change
  // creates a new binding for the new target group, and CloudFormation deletes the old one at cleanup.
  const manifest = new eks.KubernetesManifest(scope, identity.bindingId, {
    cluster,
    manifest: [{
      apiVersion: 'elbv2.k8s.aws/v1beta1',
      kind: 'TargetGroupBinding',
      // Named after the construct (two entry points may bind the same Service) and the target group's facts.
      metadata: { name: identity.bindingName, namespace: service.namespace ?? 'default' },
      spec: {
        serviceRef: { name: service.name, port: service.port ?? targetPort },
        targetGroupARN: targetGroup.targetGroupArn,
        targetType: IPV6_POD_TARGET_TYPE,
        ipAddressType: 'ipv6',
      },
    }],
  });
  // The TargetGroupBinding kind exists once the controller's chart has installed its CRD.
  const controller = cluster instanceof eks.Cluster ? cluster.albController : undefined;
  if (controller !== undefined) {
    manifest.node.addDependency(controller);
  } else {
    Annotations.of(scope).addWarningV2('cdk-ipv6-ready:TargetGroupBinding.controllerNotInApp',
      `The cluster ${cluster.node.path} has no AWS Load Balancer Controller in this app (albController): the TargetGroupBinding fails to apply `
      + `until the controller (v${LOAD_BALANCER_CONTROLLER_IPV6_MINIMUM_VERSION.join('.')} or later) and its CRD are installed. Install it first, or give the cluster albController.`);
  }
  return manifest;
}
