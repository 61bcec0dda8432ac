/**
 * Cluster IPs for Services (pkg/registry/core/service/ipallocator): every
 * Service gets an address from the service CIDR (--service-cluster-ip-range,
 * 10.96.0.0/12 by default), unique while the Service exists, free again once
 * it is deleted. A requested address is honoured when it is free and in
 * range, refused otherwise. The range is deliberately apart from the pod
 * network (P3): nothing listens on a cluster IP, only rules refer to it.
 */
import { cidrContains, intToIp, ipToInt, parseCidr } from '../net/cidr.ts';
import type { Random } from '../random.ts';

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

export class ServiceIPAllocator {
  private readonly used = new Set<number>();
  private readonly base: number;
  private readonly size: number;
  /** Dynamic allocations prefer the upper band, leaving the lower one for requested addresses (ServiceIPStaticSubrange). */
  private readonly offset: number;

  constructor(
    readonly cidr: string,
    private readonly random: Random,
  ) {
    const { base, prefix } = parseCidr(cidr);
    this.base = base;
    this.size = 2 ** (32 - prefix);
    const usable = Math.max(this.size - 2, 0);
    this.offset = Math.min(Math.max(16, Math.floor(usable / 16)), 256);
  }

  get allocatedCount(): number {
    return this.used.size;
  }

  isAllocated(ip: string): boolean {
    return this.used.has(ipToInt(ip));
  }

  /** Takes a free address at random (network and broadcast addresses are never handed out). */
  allocateNext(): string {
    const first = 1;
    const last = this.size - 2;
    if (last < first) throw new AllocationError('full', `range is full`);
    const upper = this.offset < last ? this.offset + 1 : first;
    for (const [lo, hi] of [[upper, last], [first, last]] as const) {
      const span = hi - lo + 1;
      const start = this.random.int(span);
      for (let i = 0; i < span; i++) {
        const index = lo + ((start + i) % span);
        if (!this.used.has(this.base + index)) {
          this.used.add(this.base + index);
          return intToIp(this.base + index);
        }
      }
    }
    throw new AllocationError('full', 'range is full');
  }

  /** Takes the requested address; refused in Kubernetes' words when it is outside the range or taken. */
  allocate(ip: string): void {
    let n: number;
    try {
      n = ipToInt(ip);
    } catch {
      throw new AllocationError('invalid', `must be a valid IP address`);
    }
    const index = n - this.base;
    if (!cidrContains(this.cidr, ip) || index === 0 || index === this.size - 1) {
      throw new AllocationError('not-in-range', `provided IP is not in the valid range. The range of valid IPs is ${this.cidr}`);
    }
    if (this.used.has(n)) throw new AllocationError('allocated', 'provided IP is already allocated');
    this.used.add(n);
  }

  release(ip: string): void {
    try {
      this.used.delete(ipToInt(ip));
    } catch {
      // an address that never parsed was never allocated
    }
  }
}
