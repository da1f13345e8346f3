/**
 * The client ports of Amazon MSK brokers, per client authentication method and address family.
 *
 * Over IPv6 the brokers listen on separate ports (20092-20098) with separate `bi6-` bootstrap
 * host names; the 9092-9098 ports answer IPv4 only. Source: Amazon MSK developer guide, "Port
 * information" and the dual-stack pages.
 */
export interface MskClientPorts {
  /** The listener, for findings and descriptions. */
  readonly listener: 'plaintext' | 'tls' | 'sasl-scram' | 'sasl-iam';
  readonly ipv4: number;
  readonly ipv6: number;
}

export const MSK_PLAINTEXT_PORTS: MskClientPorts = { listener: 'plaintext', ipv4: 9092, ipv6: 20092 };
export const MSK_TLS_PORTS: MskClientPorts = { listener: 'tls', ipv4: 9094, ipv6: 20094 };
export const MSK_SASL_SCRAM_PORTS: MskClientPorts = { listener: 'sasl-scram', ipv4: 9096, ipv6: 20096 };
export const MSK_SASL_IAM_PORTS: MskClientPorts = { listener: 'sasl-iam', ipv4: 9098, ipv6: 20098 };

/** Every client port, IPv4 and IPv6. */
export const ALL_MSK_CLIENT_PORTS: MskClientPorts[] = [MSK_PLAINTEXT_PORTS, MSK_TLS_PORTS, MSK_SASL_SCRAM_PORTS, MSK_SASL_IAM_PORTS];

/** What decides the listeners of a cluster, as `AWS::MSK::Cluster` states it. */
export interface MskListenerSettings {
  readonly iam: boolean;
  readonly scram: boolean;
  readonly mutualTls: boolean;
  readonly unauthenticated: boolean;
  /** `EncryptionInTransit.ClientBroker`: TLS, TLS_PLAINTEXT or PLAINTEXT. */
  readonly clientBroker: string;
}

/**
 * The listeners a cluster opens. SASL and mutual TLS always run over TLS; unauthenticated
 * clients use TLS, plaintext or both, as `ClientBroker` says.
 */
export function mskListeners(settings: MskListenerSettings): MskClientPorts[] {
  const tls = settings.clientBroker !== 'PLAINTEXT';
  const plaintext = settings.clientBroker !== 'TLS';
  const listeners: MskClientPorts[] = [];
  if (settings.unauthenticated && plaintext) listeners.push(MSK_PLAINTEXT_PORTS);
  if (settings.mutualTls || (settings.unauthenticated && tls)) listeners.push(MSK_TLS_PORTS);
  if (settings.scram) listeners.push(MSK_SASL_SCRAM_PORTS);
  if (settings.iam) listeners.push(MSK_SASL_IAM_PORTS);
  return listeners;
}
