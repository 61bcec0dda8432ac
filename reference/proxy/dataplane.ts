/**
 * The dataplane model (P7-P9): where a packet goes once a node's netfilter
 * tables have seen it. It walks the rules as the kernel would for the first
 * packet of a connection (conntrack state NEW): nat PREROUTING (or OUTPUT
 * for the node's own traffic), then filter FORWARD (or OUTPUT), then nat
 * POSTROUTING. A `-m statistic --mode random --probability p` rule splits
 * the packet into two weighted branches, so the answer is the exact
 * distribution over destinations, multiplied out as rationals from the
 * printed probabilities. It reads only the rules: no shortcut through the
 * Services or Endpoints they came from.
 */
import type { Packet, RouteOutcome } from '../../spec/adapter.ts';
import { cidrContains } from '../api/cidr.ts';
import { ONE, add, fraction, mul, parseDecimal, sub, toNumber, type Fraction } from './fraction.ts';
import { Netfilter, type Match, type Rule } from './netfilter.ts';

/** `recent` lists: list name -> source IP -> last seen (seconds). */
export type RecentLists = Map<string, Map<string, number>>;

export interface DataplaneOptions {
  /** The node's own addresses: traffic from them starts in OUTPUT; `--dst-type LOCAL` matches them. */
  localAddresses?: readonly string[];
  recent?: RecentLists;
  nowSeconds?: number;
}

export interface Branch {
  probability: Fraction;
  dst: string;
  port: number;
  mark: number;
  dnat: boolean;
  masquerade: boolean;
  verdict?: 'DROP' | 'REJECT';
  /** `recent --set` lists this branch would add its source to. */
  recentSets: string[];
}

type Walked = { branch: Branch; stop: 'return' | 'accept' | 'verdict' };

const MAX_DEPTH = 64;

function ipMatches(spec: string, ip: string): boolean {
  return cidrContains(spec.includes('/') ? spec : `${spec}/32`, ip);
}

function portMatches(spec: string, port: number): boolean {
  const [lo, hi] = spec.split(':').map(Number);
  return hi === undefined ? port === lo : port >= lo! && port <= hi;
}

class Walker {
  constructor(
    private readonly nf: Netfilter,
    private readonly packet: Required<Packet>,
    private readonly opts: DataplaneOptions,
  ) {}

  /** Splits `b` into the part of it the rule matches and the part it does not. */
  private match(rule: Rule, b: Branch): { yes?: Branch; no?: Branch } {
    let weight: Fraction = ONE;
    for (const m of rule.matches) {
      if (m.name === 'statistic:probability') {
        const p = parseDecimal(m.value!);
        weight = mul(weight, m.negated ? sub(ONE, p) : p);
        continue;
      }
      if (this.test(m, rule, b) === m.negated) return { no: b };
    }
    if (weight.num === weight.den) return { yes: b };
    const yes = weight.num === 0n ? undefined : { ...b, probability: mul(b.probability, weight) };
    const no = { ...b, probability: mul(b.probability, sub(ONE, weight)) };
    return { ...(yes ? { yes } : {}), no };
  }

  private test(m: Match, rule: Rule, b: Branch): boolean {
    const v = m.value ?? '';
    const local = this.opts.localAddresses ?? [];
    switch (m.name) {
      case 's': return ipMatches(v, this.packet.from);
      case 'd': return ipMatches(v, b.dst);
      case 'p': return v.toLowerCase() === this.packet.protocol.toLowerCase();
      case 'tcp:dport': case 'udp:dport': case 'sctp:dport':
        return m.name.startsWith(this.packet.protocol.toLowerCase()) && portMatches(v, b.port);
      case 'comment:comment': case 'statistic:mode': case 'recent:name': case 'recent:seconds': case 'recent:reap':
        return true;
      case 'recent:rcheck': {
        const name = rule.matches.find((x) => x.name === 'recent:name')?.value ?? 'DEFAULT';
        const seen = this.opts.recent?.get(name)?.get(this.packet.from);
        const seconds = rule.matches.find((x) => x.name === 'recent:seconds')?.value;
        return seen !== undefined && (seconds === undefined || (this.opts.nowSeconds ?? 0) - seen <= Number(seconds));
      }
      case 'recent:set':
        b.recentSets = [...b.recentSets, rule.matches.find((x) => x.name === 'recent:name')?.value ?? 'DEFAULT'];
        return true;
      case 'mark:mark': {
        const [value, mask = '0xffffffff'] = v.split('/');
        return ((b.mark & Number(mask)) >>> 0) === Number(value);
      }
      case 'conntrack:ctstate': return v.split(',').includes('NEW');
      case 'addrtype:dst-type': return v === 'LOCAL' && local.includes(b.dst);
      case 'addrtype:src-type': return v === 'LOCAL' && local.includes(this.packet.from);
      default: throw new Error(`the dataplane cannot evaluate "${m.name}" in: ${rule.raw}`);
    }
  }

  /** Walks one chain; branches that fall off its end come back with stop 'return'. */
  walk(table: string, chain: string, start: Branch, depth = 0): Walked[] {
    if (depth > MAX_DEPTH) throw new Error(`rules loop: more than ${MAX_DEPTH} nested jumps at ${table}/${chain}`);
    const done: Walked[] = [];
    let live: Branch[] = [start];
    for (const rule of this.nf.chain(table, chain)) {
      const next: Branch[] = [];
      for (const b of live) {
        const { yes, no } = this.match(rule, { ...b });
        if (no) next.push(no);
        if (!yes || !rule.target) {
          if (yes) next.push(yes);
          continue;
        }
        const t = rule.target;
        const opt = rule.targetOptions;
        if (t === 'RETURN') done.push({ branch: yes, stop: 'return' });
        else if (t === 'ACCEPT') done.push({ branch: yes, stop: 'accept' });
        else if (t === 'DROP' || t === 'REJECT') done.push({ branch: { ...yes, verdict: t }, stop: 'verdict' });
        else if (t === 'DNAT') {
          const to = String(opt['to-destination']);
          const colon = to.lastIndexOf(':');
          const [ip, port] = colon > 0 ? [to.slice(0, colon), Number(to.slice(colon + 1))] : [to, yes.port];
          done.push({ branch: { ...yes, dst: ip, port, dnat: true }, stop: 'accept' });
        } else if (t === 'MASQUERADE') done.push({ branch: { ...yes, masquerade: true }, stop: 'accept' });
        else if (t === 'MARK') next.push({ ...yes, mark: applyMark(yes.mark, opt) });
        else if (this.nf.isTarget(table, t)) throw new Error(`the dataplane cannot evaluate target ${t} in: ${rule.raw}`);
        else {
          for (const w of this.walk(table, t, yes, depth + 1)) {
            if (w.stop === 'return') next.push(w.branch);
            else done.push(w);
          }
        }
      }
      live = next;
    }
    return [...done, ...live.map((branch) => ({ branch, stop: 'return' as const }))];
  }
}

function applyMark(mark: number, opt: Record<string, string | true>): number {
  if (typeof opt['or-mark'] === 'string') return (mark | Number(opt['or-mark'])) >>> 0;
  if (typeof opt['xor-mark'] === 'string') return (mark ^ Number(opt['xor-mark'])) >>> 0;
  const [value, mask = '0xffffffff'] = String(opt['set-xmark']).split('/');
  return ((mark & ~Number(mask)) ^ Number(value)) >>> 0;
}

/** Every way the packet can go, with its exact probability. */
export function evaluate(nf: Netfilter, packet: Packet, opts: DataplaneOptions = {}): Branch[] {
  const p: Required<Packet> = { protocol: 'TCP', ...packet };
  const fromNode = (opts.localAddresses ?? []).includes(p.from);
  const hooks: Array<[string, string]> = fromNode
    ? [['nat', 'OUTPUT'], ['filter', 'OUTPUT'], ['nat', 'POSTROUTING']]
    : [['nat', 'PREROUTING'], ['filter', 'FORWARD'], ['nat', 'POSTROUTING']];
  const walker = new Walker(nf, p, opts);
  let branches: Branch[] = [{ probability: ONE, dst: p.to, port: p.port, mark: 0, dnat: false, masquerade: false, recentSets: [] }];
  for (const [table, chain] of hooks) {
    branches = branches.flatMap((b) => (b.verdict ? [b] : walker.walk(table, chain, b).map((w) => w.branch)));
  }
  return branches;
}

export type Distribution =
  | { verdict: 'rejected' }
  | { verdict: 'unchanged' }
  | { verdict: 'dnat'; destinations: Array<{ ip: string; port: number; probability: Fraction }> };

/** Sums the branches that end at the same place, exactly. */
export function distribution(branches: Branch[]): Distribution {
  if (branches.every((b) => b.verdict)) return { verdict: 'rejected' };
  if (branches.every((b) => !b.verdict && !b.dnat)) return { verdict: 'unchanged' };
  if (branches.some((b) => b.verdict || !b.dnat)) {
    throw new Error('the packet is rewritten on some branches and not on others, which a RouteOutcome cannot say');
  }
  const byDest = new Map<string, { ip: string; port: number; probability: Fraction }>();
  for (const b of branches) {
    const key = `${b.dst}:${b.port}`;
    const known = byDest.get(key);
    byDest.set(key, { ip: b.dst, port: b.port, probability: known ? add(known.probability, b.probability) : b.probability });
  }
  const destinations = [...byDest.values()].sort((a, b) => (a.ip === b.ip ? a.port - b.port : a.ip < b.ip ? -1 : 1));
  return { verdict: 'dnat', destinations };
}

/** The distribution as the adapter contract reports it (probabilities as numbers). */
export function toRouteOutcome(branches: Branch[]): RouteOutcome {
  const d = distribution(branches);
  if (d.verdict !== 'dnat') return d;
  return { verdict: 'dnat', destinations: d.destinations.map((x) => ({ ip: x.ip, port: x.port, probability: toNumber(x.probability) })) };
}

/** Loads restore payloads into fresh tables (as `iptables-restore --noflush`, in order) and routes one packet. */
export function routeThroughRules(payloads: readonly string[], packet: Packet, opts: DataplaneOptions = {}): Distribution {
  const nf = new Netfilter();
  for (const text of payloads) nf.restore(text, { noflush: true });
  return distribution(evaluate(nf, packet, opts));
}

/** Draws one destination from the branches with `random()` in [0, 1) (seeded by the caller). */
export function sample(branches: Branch[], random: () => number): Branch {
  let r = fraction(BigInt(Math.floor(random() * 2 ** 32)), 2n ** 32n);
  for (const b of branches) {
    if (r.num * b.probability.den < b.probability.num * r.den) return b;
    r = sub(r, b.probability);
  }
  return branches[branches.length - 1]!;
}
