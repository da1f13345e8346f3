import { Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import { IConstruct } from 'constructs';
import { albControllerPolicy } from './alb-controller-policy';
import { AUTO_MODE_ALB_CONTROLLER, AUTO_MODE_LOAD_BALANCING_API_VERSION } from './auto-mode';
import { invalidProp } from '../core/validation';
import { versionAtLeast } from '../core/version';
import { LOAD_BALANCER_CONTROLLER_IPV6_MINIMUM_VERSION } from '../prerequisites/eks/eks-addon-load-balancer-controller-version';
import { IPV6_POD_TARGET_TYPE as IP_TARGETS } from '../prerequisites/eks/eks-target-group-ip-targets';
import {
  INGRESS_IP_ADDRESS_TYPE, INGRESS_TARGET_TYPE, SERVICE_IP_ADDRESS_TYPE, SERVICE_LOAD_BALANCER_TYPE, SERVICE_NLB_TARGET_TYPE,
} from '../prerequisites/k8s/k8s-helpers';

/**
 * Options of a dual-stack load balancer in front of an IPv6 cluster.
 */
export interface DualStackLoadBalancerOptions {
  /**
   * Whether the load balancer is reachable from the internet.
   * @default false - internal
   */
  readonly internetFacing?: boolean;

  /**
   * The target type. Only `ip` works with IPv6 pods; `instance` is refused.
   * @default 'ip'
   */
  readonly targetType?: string;
}

/**
 * Annotations of a Kubernetes Ingress that the AWS Load Balancer Controller (v2.3.1 or later) turns
 * into a dual-stack ALB with IP targets.
 */
export class DualStackIngress {
  /**
   * The Ingress annotations.
   */
  public static annotations(options: DualStackLoadBalancerOptions = {}): { [key: string]: string } {
    checkTargetType(options.targetType, 'DualStackIngress.annotations');
    return {
      [INGRESS_IP_ADDRESS_TYPE]: 'dualstack',
      [INGRESS_TARGET_TYPE]: IP_TARGETS,
      'alb.ingress.kubernetes.io/scheme': scheme(options),
    };
  }

  /**
   * The manifests of an IngressClass for an EKS Auto Mode cluster, which runs load balancing
   * itself (no AWS Load Balancer Controller): `IngressClassParams` (`eks.amazonaws.com/v1`) with
   * `ipAddressType: dualstack` and the scheme, and the `IngressClass` whose controller is
   * `eks.amazonaws.com/alb`. Ingresses name it in `spec.ingressClassName` and may carry
   * `annotations()`; Auto Mode uses IP targets by default. Source: Amazon EKS user guide, "Create an
   * IngressClass to configure an Application Load Balancer" (EKS Auto Mode).
   *
   * @param name the name of both objects
   */
  public static autoModeIngressClass(name: string, options: DualStackLoadBalancerOptions = {}): Array<{ [key: string]: any }> {
    checkTargetType(options.targetType, 'DualStackIngress.autoModeIngressClass');
    return [
      { apiVersion: AUTO_MODE_LOAD_BALANCING_API_VERSION, kind: 'IngressClassParams', metadata: { name }, spec: { scheme: scheme(options), ipAddressType: 'dualstack' } },
      {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'IngressClass',
        metadata: { name },
        spec: { controller: AUTO_MODE_ALB_CONTROLLER, parameters: { apiGroup: AUTO_MODE_LOAD_BALANCING_API_VERSION.split('/')[0], kind: 'IngressClassParams', name } },
      },
    ];
  }

  private constructor() {}
}

/**
 * Settings of a Kubernetes Service of type LoadBalancer that the AWS Load Balancer Controller turns
 * into a dual-stack NLB with IP targets.
 */
export class DualStackService {
  /**
   * The Service annotations.
   */
  public static annotations(options: DualStackLoadBalancerOptions = {}): { [key: string]: string } {
    checkTargetType(options.targetType, 'DualStackService.annotations');
    return {
      [SERVICE_LOAD_BALANCER_TYPE]: 'external',
      [SERVICE_IP_ADDRESS_TYPE]: 'dualstack',
      [SERVICE_NLB_TARGET_TYPE]: IP_TARGETS,
      'service.beta.kubernetes.io/aws-load-balancer-scheme': scheme(options),
    };
  }

  /**
   * The Service's `spec.ipFamilyPolicy` and `spec.ipFamilies`. The service network of an IPv6
   * EKS cluster is IPv6 only, so the Service is single-stack IPv6; the load balancer in front of
   * it is what answers IPv4 and IPv6 clients.
   */
  public static ipFamilies(): ServiceIpFamilies {
    return { ipFamilyPolicy: 'SingleStack', ipFamilies: ['IPv6'] };
  }

  private constructor() {}
}

/**
 * The IP family fields of a Kubernetes Service spec.
 */
export interface ServiceIpFamilies {
  /** `spec.ipFamilyPolicy`. */
  readonly ipFamilyPolicy: string;
  /** `spec.ipFamilies`. */
  readonly ipFamilies: string[];
}

function scheme(options: DualStackLoadBalancerOptions): string {
  return options.internetFacing ? 'internet-facing' : 'internal';
}

function checkTargetType(targetType: string | undefined, where: string): void {
  if (targetType !== undefined && targetType !== IP_TARGETS) {
    throw new Error(`${where}: targetType '${targetType}' does not reach IPv6 pods; load balancers of an IPv6 EKS cluster need IP targets. Use 'ip' or leave it out.`);
  }
}

/**
 * Throws when the AWS Load Balancer Controller options cannot serve an IPv6 cluster: a version
 * before 2.3.1, or a default target type other than `ip`.
 */
export function validateAlbController(scope: IConstruct, id: string, options: eks.AlbControllerOptions): void {
  const version = options.version.version;
  const minimum = LOAD_BALANCER_CONTROLLER_IPV6_MINIMUM_VERSION.join('.');
  if (!Token.isUnresolved(version) && versionAtLeast(version, LOAD_BALANCER_CONTROLLER_IPV6_MINIMUM_VERSION) !== true) {
    invalidProp(scope, id, `albController.version: '${version}' is older than v${minimum} (or not a version); the AWS Load Balancer Controller `
      + `registers IPv6 pod targets and creates dual-stack load balancers from v${minimum}. Use AlbControllerVersion.V2_3_1 or later.`);
  }
  const targetType = options.additionalHelmChartValues?.defaultTargetType;
  if (targetType !== undefined && targetType !== IP_TARGETS) {
    invalidProp(scope, id, `albController.additionalHelmChartValues.defaultTargetType: '${targetType}' is not 'ip'; instance targets do not reach `
      + 'IPv6 pods. Remove it (the construct sets \'ip\').');
  }
}

/**
 * The controller options with IP targets as the default target type, and the controller's published
 * IAM policy narrowed to the cluster's VPC, account and region unless the options bring a policy.
 */
export function ipTargetAlbController(options: eks.AlbControllerOptions, vpc: ec2.IVpc): eks.AlbControllerOptions {
  const policy = options.policy ?? (options.version.custom ? undefined : albControllerPolicy(options.version, vpc));
  return { ...options, policy, additionalHelmChartValues: { ...options.additionalHelmChartValues, defaultTargetType: IP_TARGETS } };
}
