// IPv4/IPv6 addresses and CIDR ranges as bigints, for matching audit records' remote addresses.

export interface IpAddress {
  version: 4 | 6;
  value: bigint;
}

export interface CidrRange {
  version: 4 | 6;
  /** The network with host bits cleared. */
  network: bigint;
  prefix: number;
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const HEX_GROUP = /^[0-9a-f]{1,4}$/i;

/** Dotted quad; leading zeros are refused because some tools read them as octal. */
export function parseIpv4(text: string): bigint | undefined {
  const match = IPV4.exec(text);
  if (!match) return undefined;
  let value = 0n;
  for (const part of match.slice(1)) {
    if (part.length > 1 && part.startsWith('0')) return undefined;
    const n = Number(part);
    if (n > 255) return undefined;
    value = (value << 8n) | BigInt(n);
  }
  return value;
}

/** Hex groups; an IPv4 tail ('::ffff:1.2.3.4') only where the address ends. */
function parseGroups(text: string, endsAddress: boolean): number[] | undefined {
  if (text === '') return [];
  const groups: number[] = [];
  const parts = text.split(':');
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (endsAddress && i === parts.length - 1 && part.includes('.')) {
      const v4 = parseIpv4(part);
      if (v4 === undefined) return undefined;
      groups.push(Number(v4 >> 16n), Number(v4 & 0xffffn));
    } else if (HEX_GROUP.test(part)) {
      groups.push(parseInt(part, 16));
    } else {
      return undefined;
    }
  }
  return groups;
}

export function parseIpv6(text: string): bigint | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = parseGroups(halves[0], halves.length === 1);
  const tail = halves.length === 2 ? parseGroups(halves[1], true) : [];
  if (!head || !tail) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const groups = [...head, ...new Array<number>(missing).fill(0), ...tail];
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(g), 0n);
}

const V4_MAPPED_PREFIX = 0xffffn << 32n;

/**
 * Parses an address as a record may carry it: brackets ('[::1]'), an IPv6 zone ('%eth0') and an IPv4 port
 * ('10.0.0.1:8080') are dropped; IPv4-mapped IPv6 ('::ffff:10.0.0.1') becomes IPv4 so IPv4 ranges match it.
 */
export function parseIpAddress(raw: string): IpAddress | undefined {
  let text = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(text);
  if (bracketed) text = bracketed[1];
  text = text.replace(/%[\w.-]+$/, '');
  const v4WithPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d{1,5}$/.exec(text);
  if (v4WithPort) text = v4WithPort[1];
  const v4 = parseIpv4(text);
  if (v4 !== undefined) return { version: 4, value: v4 };
  const v6 = parseIpv6(text);
  if (v6 === undefined) return undefined;
  if (v6 >> 32n === V4_MAPPED_PREFIX >> 32n) return { version: 4, value: v6 & 0xffffffffn };
  return { version: 6, value: v6 };
}

function bitsOf(version: 4 | 6): number {
  return version === 4 ? 32 : 128;
}

export type CidrParse = CidrRange | { error: string };

/** '10.0.0.0/8', '2001:db8::/32'. Host bits may be set ('10.1.2.3/8' means 10.0.0.0/8). */
export function parseCidr(text: string): CidrParse {
  const slash = text.indexOf('/');
  if (slash < 0) return { error: 'A range needs a prefix length, for example 10.0.0.0/8.' };
  const address = parseIpAddress(text.slice(0, slash));
  if (!address) return { error: `"${text.slice(0, slash).trim()}" is not an IPv4 or IPv6 address.` };
  const prefixText = text.slice(slash + 1).trim();
  const bits = bitsOf(address.version);
  if (!/^\d{1,3}$/.test(prefixText) || Number(prefixText) > bits) {
    return { error: `The prefix length of an IPv${address.version} range must be a whole number from 0 to ${bits}.` };
  }
  const prefix = Number(prefixText);
  const shift = BigInt(bits - prefix);
  return { version: address.version, network: (address.value >> shift) << shift, prefix };
}

export function cidrContains(range: CidrRange, address: IpAddress): boolean {
  if (range.version !== address.version) return false;
  const shift = BigInt(bitsOf(range.version) - range.prefix);
  return address.value >> shift === range.network >> shift;
}
