/**
 * The `GetBootstrapBrokers` response fields of each MSK client listener, IPv4 and IPv6. No CDK
 * imports: the switch handler's bundle includes this file.
 */

import { MskClientPorts } from '../core/msk-ports';

/** A client listener, by the value of the `MskListener` enum. */
export type ListenerName = 'PLAINTEXT' | 'TLS' | 'SASL_SCRAM' | 'SASL_IAM';

const BASE_FIELDS: Record<ListenerName, string> = {
  PLAINTEXT: 'BootstrapBrokerString',
  TLS: 'BootstrapBrokerStringTls',
  SASL_SCRAM: 'BootstrapBrokerStringSaslScram',
  SASL_IAM: 'BootstrapBrokerStringSaslIam',
};

const NAMES: Record<MskClientPorts['listener'], ListenerName> = {
  'plaintext': 'PLAINTEXT',
  'tls': 'TLS',
  'sasl-scram': 'SASL_SCRAM',
  'sasl-iam': 'SASL_IAM',
};

/** The listener of a set of client ports (`lib/core/msk-ports`). */
export function listenerNameOf(ports: MskClientPorts): ListenerName {
  return NAMES[ports.listener];
}

/** The field with the bootstrap brokers of `listener` for IPv4 (9xxx) or IPv6 (20xxx, `bi6-` hosts) clients. */
export function bootstrapBrokerField(listener: ListenerName, ipv6: boolean): string {
  return ipv6 ? `${BASE_FIELDS[listener]}Ipv6` : BASE_FIELDS[listener];
}

/** Every bootstrap broker field, IPv4 and IPv6, in listener order. */
export const BOOTSTRAP_BROKER_FIELDS: string[] = (Object.keys(BASE_FIELDS) as ListenerName[])
  .flatMap(listener => [bootstrapBrokerField(listener, false), bootstrapBrokerField(listener, true)]);
