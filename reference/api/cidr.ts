/** IPv4 CIDR arithmetic for pod and Service ranges. */
export interface Cidr {
  base: number;
  prefix: number;
}

export function ipToInt(ip: string): number {
  const parts = ip.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) {
    throw new RangeError(`Expected an IPv4 address such as 10.96.0.1, got ${JSON.stringify(ip)}`);
  }
  return ((parts[0]! << 24) | (parts[1]! << 16) | (parts[2]! << 8) | parts[3]!) >>> 0;
}

export function intToIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

export function parseCidr(cidr: string): Cidr {
  const [ip, bits] = cidr.split('/');
  const prefix = Number(bits);
  if (!ip || !Number.isInteger(prefix) || prefix < 0 || prefix > 32) throw new RangeError(`Expected a CIDR such as 10.96.0.0/12, got ${JSON.stringify(cidr)}`);
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  return { base: (ipToInt(ip) & mask) >>> 0, prefix };
}

/** The index-th address of the range (0 is the network address). */
export function cidrHost(cidr: string, index: number): string {
  const { base, prefix } = parseCidr(cidr);
  if (index < 0 || index >= 2 ** (32 - prefix)) throw new RangeError(`${cidr} has no address number ${index}`);
  return intToIp(base + index);
}

export function cidrContains(cidr: string, ip: string): boolean {
  const { base, prefix } = parseCidr(cidr);
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  return ((ipToInt(ip) & mask) >>> 0) === base;
}

/** The n-th /size subnet of a range: node n's pod CIDR out of the cluster CIDR. */
export function subnet(cidr: string, size: number, n: number): string {
  const { base, prefix } = parseCidr(cidr);
  if (size < prefix) throw new RangeError(`a /${size} does not fit in ${cidr}`);
  const count = 2 ** (size - prefix);
  if (n < 0 || n >= count) throw new RangeError(`${cidr} has only ${count} /${size} subnets`);
  return `${intToIp(base + n * 2 ** (32 - size))}/${size}`;
}
