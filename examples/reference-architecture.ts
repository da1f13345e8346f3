import { Stack, StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { DualStackVpc } from '../lib';

/**
 * The reference architecture: an IPv6-ready network for streaming (MSK) and Kubernetes (EKS).
 *
 * Environment-agnostic on purpose: it synthesizes with no AWS account and no context lookups.
 */
export class ReferenceArchitectureStack extends Stack {
  public readonly vpc: DualStackVpc;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    this.vpc = new DualStackVpc(this, 'Vpc');
  }
}
