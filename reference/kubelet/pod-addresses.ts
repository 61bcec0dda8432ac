/**
 * Pod IPs from the node's pod CIDR (P1, P2), as a host-local IPAM plugin
 * hands them out: .1 is the node's bridge, pods get .2 upwards.
 */
import { cidrHost, parseCidr } from '../api/cidr.ts';

export class PodAddresses {
  private readonly byPod = new Map<string, string>();
  private readonly free: number[] = [];
  private next = 2;
  private readonly size: number;

  constructor(private readonly podCIDR: string) {
    this.size = 2 ** (32 - parseCidr(podCIDR).prefix);
  }

  assign(podKey: string): string {
    const known = this.byPod.get(podKey);
    if (known) return known;
    const index = this.free.shift() ?? this.next++;
    if (index >= this.size - 1) throw new Error(`pod CIDR ${this.podCIDR} has no free address left`);
    const ip = cidrHost(this.podCIDR, index);
    this.byPod.set(podKey, ip);
    return ip;
  }

  release(podKey: string): void {
    const ip = this.byPod.get(podKey);
    if (!ip) return;
    this.byPod.delete(podKey);
    this.free.push(Number(ip.split('.').at(-1)));
  }
}
