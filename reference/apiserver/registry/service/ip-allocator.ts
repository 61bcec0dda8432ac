/**
 * Cluster IPs for Services (pkg/registry/core/service/ipallocator): every
 * Service gets an address from the service CIDR (--service-cluster-ip-range,
 * 10.96.0.0/12 by default), unique while the Service exists, free again once
 * it is deleted. A requested address is honoured when it is free and in
 * range, refused otherwise. The range is deliberately apart from the pod
 * network (P3): nothing listens on a cluster IP, only rules refer to it.
 *
 * Which addresses are taken is kept in an AddressBook: in the store for the
 * api-server (ip-address-book.ts), so that every api-server of a control
 * plane sees the same allocations; in memory for offline tools.
 */
import { cidrContains, intToIp, ipToInt, parseCidr } from '../../../api/cidr.ts';
import type { Random } from '../../../runtime/random.ts';

export type AllocationFailure = 'not-in-range' | 'allocated' | 'full' | 'invalid';

export class AllocationError extends Error {
  constructor(
    readonly kind: AllocationFailure,
    message: string,
  ) {
    super(message);
    this.name = 'AllocationError';
  }
}

/** Who holds which address. `take` is atomic: it answers false when the address was already taken. */
export interface AddressBook {
  take(ip: string, owner: string): Promise<boolean>;
  release(ip: string): Promise<void>;
  has(ip: string): Promise<boolean>;
}

export function memoryAddressBook(): AddressBook {
  const used = new Set<string>();
  return {
    async take(ip) {
      if (used.has(ip)) return false;
      used.add(ip);
      return true;
    },
    async release(ip) {
      used.delete(ip);
    },
    async has(ip) {
      return used.has(ip);
    },
  };
}

export class ServiceIPAllocator {
  private readonly base: number;
  private readonly size: number;
  /** Dynamic allocations prefer the upper band, leaving the lower one for requested addresses (ServiceIPStaticSubrange). */
  private readonly offset: number;

  constructor(
    readonly cidr: string,
    private readonly random: Random,
    private readonly book: AddressBook = memoryAddressBook(),
  ) {
    const { base, prefix } = parseCidr(cidr);
    this.base = base;
    this.size = 2 ** (32 - prefix);
    const usable = Math.max(this.size - 2, 0);
    this.offset = Math.min(Math.max(16, Math.floor(usable / 16)), 256);
  }

  isAllocated(ip: string): Promise<boolean> {
    return this.book.has(ip);
  }

  /** Takes a free address at random (network and broadcast addresses are never handed out). */
  async allocateNext(owner = ''): Promise<string> {
    const first = 1;
    const last = this.size - 2;
    if (last < first) throw new AllocationError('full', `range is full`);
    const upper = this.offset < last ? this.offset + 1 : first;
    for (const [lo, hi] of [[upper, last], [first, last]] as const) {
      const span = hi - lo + 1;
      const start = this.random.int(span);
      for (let i = 0; i < span; i++) {
        const ip = intToIp(this.base + lo + ((start + i) % span));
        if (await this.book.take(ip, owner)) return ip;
      }
    }
    throw new AllocationError('full', 'range is full');
  }

  /** Takes the requested address; refused in Kubernetes' words when it is outside the range or taken. */
  async allocate(ip: string, owner = ''): Promise<void> {
    let n: number;
    try {
      n = ipToInt(ip);
    } catch {
      throw new AllocationError('invalid', `must be a valid IP address`);
    }
    const index = n - this.base;
    if (!cidrContains(this.cidr, ip) || index === 0 || index === this.size - 1) {
      // The ServiceCIDR allocator (default since 1.33) finds no range for the address: ErrMismatchedNetwork.
      throw new AllocationError('not-in-range', 'the provided network does not match the current range');
    }
    if (!(await this.book.take(ip, owner))) throw new AllocationError('allocated', 'provided IP is already allocated');
  }

  async release(ip: string): Promise<void> {
    await this.book.release(ip);
  }
}
