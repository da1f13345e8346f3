/**
 * The lowest TLS version each Elastic Load Balancing security policy accepts, read from its name.
 *
 * Source: ELB user guide, "Security policies for your Application Load Balancer" and "Security
 * policies for your Network Load Balancer" (the TLS protocols table): `ELBSecurityPolicy-TLS13-1-3-*`
 * accepts TLSv1.3 only; `TLS13-1-2-*`, `TLS-1-2-*` and `FS-1-2-*` accept TLSv1.2 and later;
 * `TLS13-1-1-*`, `TLS-1-1-*` and `FS-1-1-*` accept TLSv1.1; `TLS13-1-0-*`, `TLS-1-0-*`,
 * `FS-2018-06`, `2016-08` (the ELB default before TLS13-1-2-2021-06) and `2015-05` accept TLSv1.
 * TLS 1.0 and 1.1 are deprecated (RFC 8996), so a public listener here accepts TLS 1.2 or later.
 */

/** The lowest TLS version a public listener of this library may accept. */
export const ELB_MINIMUM_TLS_VERSION = 1.2;

const BY_NAME: Array<[RegExp, number]> = [
  [/^ELBSecurityPolicy-TLS13-1-3-/, 1.3],
  [/^ELBSecurityPolicy-(TLS13-1-2|TLS-1-2|FS-1-2)-/, 1.2],
  [/^ELBSecurityPolicy-(TLS13-1-1|TLS-1-1|FS-1-1)-/, 1.1],
  [/^ELBSecurityPolicy-(TLS13-1-0-|TLS-1-0-|FS-2018-06$|2016-08$|2015-05$)/, 1.0],
];

/** The lowest TLS version the policy accepts (1.0 to 1.3), or undefined for a name this table does not know. */
export function minimumTlsVersionOf(policy: string): number | undefined {
  return BY_NAME.find(([pattern]) => pattern.test(policy))?.[1];
}
