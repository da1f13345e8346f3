/**
 * Estimated CloudFormation creation times, in minutes, per resource type: what the critical-path
 * estimate (critical-path.ts) adds up. They are estimates with stated sources or assumptions
 * (bench/README.md has the same table); a real deployment varies by Region and by day.
 */

export interface CreationTime {
  /** A CloudFormation resource type, or a prefix ending in `*` (`Custom::*`). */
  readonly type: string;
  /** The estimate used, in minutes. */
  readonly minutes: number;
  /** The usual range, in minutes. */
  readonly range: [number, number];
  /** Where the figure comes from, or the assumption it is. */
  readonly source: string;
}

/** The figure for a type not in the table: most resources are created in seconds. */
export const DEFAULT_MINUTES = 0.25;

/**
 * A custom resource whose provider waits (Provider framework with an isComplete handler) for an
 * MSK UpdateConnectivity to DUAL to finish.
 */
export const MSK_CONNECTIVITY_UPDATE_WAIT_MINUTES = 20;

export const CREATION_TIMES: CreationTime[] = [
  {
    type: 'AWS::MSK::Cluster',
    minutes: 30,
    range: [25, 35],
    source: 'Assumption from observed deployments of 2-3 broker provisioned clusters (the MSK docs give no figure); issue 6 gives 25-35 min.',
  },
  {
    type: 'AWS::EKS::Cluster',
    minutes: 12,
    range: [10, 16],
    source: 'Unofficial measurement across 21 Regions, 13-16 min (easontechtalk.com/unofficial-eks-cluster-creation-performance-across-aws-regions); issue 6 gives 10-15 min.',
  },
  {
    type: 'AWS::EKS::Nodegroup',
    minutes: 4,
    range: [3, 5],
    source: 'Assumption (EC2 launch + node join, 2 nodes); issue 6 gives 3-5 min.',
  },
  {
    type: 'AWS::EKS::Addon',
    minutes: 1.5,
    range: [0.5, 3],
    source: 'Assumption: CloudFormation waits for the add-on to be ACTIVE; coredns needs nodes first.',
  },
  { type: 'AWS::EKS::PodIdentityAssociation', minutes: 0.5, range: [0.2, 1], source: 'Assumption.' },
  { type: 'AWS::EKS::AccessEntry', minutes: 0.25, range: [0.1, 0.5], source: 'Assumption.' },
  { type: 'AWS::EKS::FargateProfile', minutes: 3, range: [2, 5], source: 'Assumption.' },
  {
    type: 'AWS::EC2::NatGateway',
    minutes: 2,
    range: [1, 3],
    source: 'Assumption (NAT gateways take 1-3 min to become available); issue 6 gives ~2 min.',
  },
  { type: 'AWS::EC2::VPC', minutes: 0.3, range: [0.2, 0.5], source: 'Assumption.' },
  { type: 'AWS::EC2::VPCCidrBlock', minutes: 0.3, range: [0.1, 0.5], source: 'Assumption (Amazon-provided IPv6 /56).' },
  { type: 'AWS::EC2::InternetGateway', minutes: 0.3, range: [0.1, 0.5], source: 'Assumption.' },
  { type: 'AWS::EC2::VPCGatewayAttachment', minutes: 0.3, range: [0.2, 0.5], source: 'Assumption.' },
  { type: 'AWS::EC2::VPCEndpoint', minutes: 1, range: [0.5, 2], source: 'Assumption (gateway endpoints < 1 min, interface endpoints 2-3 min).' },
  { type: 'AWS::EC2::TransitGatewayAttachment', minutes: 3, range: [2, 5], source: 'Assumption.' },
  { type: 'AWS::ElasticLoadBalancingV2::LoadBalancer', minutes: 3, range: [2, 5], source: 'Assumption (ALB/NLB provisioning).' },
  { type: 'AWS::KMS::Key', minutes: 1, range: [0.5, 2], source: 'Assumption.' },
  { type: 'AWS::IAM::Role', minutes: 0.3, range: [0.2, 0.5], source: 'Assumption (CloudFormation waits for IAM propagation).' },
  { type: 'AWS::IAM::Policy', minutes: 0.3, range: [0.2, 0.5], source: 'Assumption.' },
  { type: 'AWS::IAM::OIDCProvider', minutes: 0.2, range: [0.1, 0.3], source: 'Assumption.' },
  { type: 'AWS::Lambda::Function', minutes: 0.3, range: [0.1, 0.5], source: 'Assumption (zip from S3).' },
  { type: 'AWS::Lambda::LayerVersion', minutes: 0.5, range: [0.2, 1], source: 'Assumption.' },
  { type: 'AWS::StepFunctions::StateMachine', minutes: 0.3, range: [0.1, 0.5], source: 'Assumption.' },
  { type: 'AWS::CloudFormation::Stack', minutes: 0.5, range: [0.3, 1], source: 'Assumption: overhead of a nested stack, added to its own critical path.' },
  {
    type: 'Custom::*',
    minutes: 1,
    range: [0.3, 2],
    source: 'Assumption: a Lambda cold start, the call, the response to CloudFormation. A custom resource that waits for an MSK UpdateConnectivity to DUAL: see below.',
  },
  {
    type: 'AWS::CloudFormation::CustomResource',
    minutes: 1,
    range: [0.3, 2],
    source: 'As Custom::*.',
  },
];

/** The documented row for the MSK connectivity switch (not a CloudFormation type). */
export const MSK_CONNECTIVITY_UPDATE_ROW: CreationTime = {
  type: '(custom resource waiting for MSK UpdateConnectivity to DUAL)',
  minutes: MSK_CONNECTIVITY_UPDATE_WAIT_MINUTES,
  range: [15, 40],
  source: 'Assumption: MSK applies the switch broker by broker, like its other cluster updates; the MSK docs give no duration. A custom resource that does not wait (AwsCustomResource) counts as Custom::* and the report says the cluster is not yet dual-stack when the stack completes.',
};

/** The estimate for a resource type, in minutes. */
export function minutesForType(type: string): number {
  return rowForType(type)?.minutes ?? DEFAULT_MINUTES;
}

export function rowForType(type: string): CreationTime | undefined {
  const exact = CREATION_TIMES.find(r => r.type === type);
  if (exact) {
    return exact;
  }
  return CREATION_TIMES.find(r => r.type.endsWith('*') && type.startsWith(r.type.slice(0, -1)));
}
