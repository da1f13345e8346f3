import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';
import { listenerNameOf } from './bootstrap-broker-fields';
import { validateClusterArn } from './cluster-arn';
import type { DualStackMskClusterAttributes } from './dual-stack-msk-cluster';
import { DualStackMskClusterBase, DualStackMskConnections } from './msk-cluster-base';
import { MskListener } from './msk-dual-stack-switch';
import { ALL_MSK_CLIENT_PORTS } from '../core/msk-ports';
import { invalidProp } from '../core/validation';

/** A cluster made elsewhere, with the grants and connections of the library's own clusters. */
export class ImportedDualStackMskCluster extends DualStackMskClusterBase {
  public readonly clusterArn: string;
  private readonly attributes: DualStackMskClusterAttributes;
  private importedConnections?: ec2.Connections;

  constructor(scope: Construct, id: string, attributes: DualStackMskClusterAttributes) {
    super(scope, id);
    validateClusterArn(this, 'clusterArn', attributes.clusterArn, { sameEnvironment: false });
    if (attributes.listeners !== undefined && attributes.listeners.length === 0) {
      invalidProp(this, undefined, 'listeners: the list is empty. Name the listeners the cluster has enabled (MskListener.SASL_IAM, ...), or leave it out for SASL/IAM.');
    }
    this.attributes = attributes;
    this.clusterArn = attributes.clusterArn;
  }

  public get connections(): ec2.Connections {
    if (this.attributes.securityGroups === undefined) {
      invalidProp(this, undefined, 'securityGroups: fromClusterAttributes was given none, so the cluster has no connections. Pass the brokers\' security groups to use connections.');
    }
    const listeners = this.attributes.listeners ?? [MskListener.SASL_IAM];
    return this.importedConnections ??= DualStackMskConnections.of(this.attributes.securityGroups,
      listeners.map(listener => ALL_MSK_CLIENT_PORTS.find(ports => listenerNameOf(ports) === listener)!));
  }

  public get bootstrapBrokersIpv4(): string {
    return this.attributes.bootstrapBrokersIpv4 ?? invalidProp(this, undefined,
      'bootstrapBrokersIpv4: fromClusterAttributes was given none. Pass it, for example MskDualStackSwitch.bootstrapBrokersIpv4(MskListener.SASL_IAM).');
  }

  public get bootstrapBrokersIpv6(): string {
    return this.attributes.bootstrapBrokersIpv6 ?? invalidProp(this, undefined,
      'bootstrapBrokersIpv6: fromClusterAttributes was given none. Pass it, for example MskDualStackSwitch.bootstrapBrokersIpv6(MskListener.SASL_IAM).');
  }
}
