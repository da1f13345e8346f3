/**
 * IPv4 and IPv6 CIDR parsing for validation: one place, so that `::/0`, `0::0/0` and
 * `0:0:0:0:0:0:0:0/0` are the same range everywhere.
 */

/** A parsed CIDR: the address as a number, the prefix length, and whether bits past the prefix are set. */
export interface ParsedCidr {
  readonly family: 4 | 6;
  readonly address: bigint;
  readonly prefixLength: number;
  /** Whether the address has bits set past the prefix (`10.0.0.1/16`). */
  readonly hostBitsSet: boolean;
  /** The network address in canonical form (`10.0.0.0/16`, `2001:db8::/56`). */
  readonly network: string;
}

/** Parses an IPv4 CIDR (`10.0.0.0/16`), or `undefined`. */
export function parseIpv4Cidr(cidr: string): ParsedCidr | undefined {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(cidr.trim());
  if (!match || match.slice(1, 5).some(o => Number(o) > 255) || Number(match[5]) > 32) {
    return undefined;
  }
  const address = match.slice(1, 5).reduce((acc, o) => acc * 256n + BigInt(o), 0n);
  return parsed(4, address, Number(match[5]));
}

/** Parses an IPv6 CIDR (`2001:db8::/56`, `::/0`), or `undefined`. */
export function parseIpv6Cidr(cidr: string): ParsedCidr | undefined {
  const match = /^([0-9a-fA-F:]+)\/(\d{1,3})$/.exec(cidr.trim());
  if (!match || Number(match[2]) > 128) {
    return undefined;
  }
  const halves = match[1].split('::');
  if (halves.length > 2) {
    return undefined;
  }
  const groups = halves.map(h => (h === '' ? [] : h.split(':')));
  const given = groups.flat();
  if (given.some(g => !/^[0-9a-fA-F]{1,4}$/.test(g)) || (halves.length === 1 ? given.length !== 8 : given.length > 7)) {
    return undefined;
  }
  const all = halves.length === 1 ? given : [...groups[0], ...Array(8 - given.length).fill('0'), ...groups[1]];
  const address = all.reduce((acc, g) => acc * 65536n + BigInt(parseInt(g, 16)), 0n);
  return parsed(6, address, Number(match[2]));
}

// Arithmetic rather than bit operators: the host part is the remainder by 2^(bits - prefix).
function parsed(family: 4 | 6, address: bigint, prefixLength: number): ParsedCidr {
  const hostSize = 2n ** BigInt((family === 4 ? 32 : 128) - prefixLength);
  const networkAddress = address - (address % hostSize);
  return { family, address, prefixLength, hostBitsSet: address % hostSize !== 0n, network: `${format(family, networkAddress)}/${prefixLength}` };
}

function format(family: 4 | 6, address: bigint): string {
  const [count, size] = family === 4 ? [4, 256n] : [8, 65536n];
  const parts: bigint[] = [];
  for (let i = 0, rest = address; i < count; i++, rest /= size) {
    parts.unshift(rest % size);
  }
  if (family === 4) {
    return parts.join('.');
  }
  return parts.map(p => p.toString(16)).join(':').replace(/(^|:)0(:0)+(:|$)/, '::').replace(/:{3,}/, '::');
}
