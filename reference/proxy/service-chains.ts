/**
 * What kube-proxy in iptables mode writes for a node (P6, P8): one
 * `iptables-restore --noflush --counters` payload, in the shape and order
 * of syncProxyRules in pkg/proxy/iptables/proxier.go. A pure function: the
 * same Services and endpoints give the same bytes.
 *
 * Per service port with ready endpoints: a KUBE-SERVICES rule matching the
 * cluster IP and port jumps to KUBE-SVC-<hash>, which marks traffic from
 * outside the pod network for masquerade and picks endpoint i of n with
 * `-m statistic --mode random --probability 1/(n-i)` (the last one
 * unconditionally), each KUBE-SEP-<hash> DNATs to the pod IP and port.
 * With no endpoints, the filter table REJECTs the cluster IP instead.
 */
import { endpointChainName, serviceChainName } from './chain-names.ts';

export type Protocol = 'TCP' | 'UDP' | 'SCTP';

/** One port of one Service, as kube-proxy sees it, with its ready endpoints. */
export interface ServicePortInfo {
  /** `ns/name:port` (or `ns/name` for an unnamed port). */
  name: string;
  protocol: Protocol;
  clusterIP: string;
  port: number;
  /** ClientIP session affinity, with its timeout (default 10800 s). */
  affinitySeconds?: number;
  /** Ready endpoints as `ip:port`. */
  endpoints: string[];
}

export interface RenderOptions {
  /** The cluster's pod range: traffic from outside it to a cluster IP is masqueraded (--cluster-cidr). */
  clusterCIDR?: string;
  /** --iptables-masquerade-bit 14 gives mark 0x4000. */
  masqueradeMark?: string;
  /** Chains this kube-proxy wrote before that no longer exist: flushed and deleted (-X). */
  staleChains?: readonly string[];
}

export const MASQUERADE_MARK = '0x4000';
export const NODEPORTS_COMMENT = '"kubernetes service nodeports; NOTE: this must be the last rule in this chain"';
const FILTER_CHAINS = ['KUBE-SERVICES', 'KUBE-EXTERNAL-SERVICES', 'KUBE-FORWARD', 'KUBE-NODEPORTS', 'KUBE-PROXY-FIREWALL'];
const NAT_CHAINS = ['KUBE-SERVICES', 'KUBE-NODEPORTS', 'KUBE-POSTROUTING', 'KUBE-MARK-MASQ'];

/** `%0.10f` of 1/n, as kube-proxy's computeProbability. */
export function probability(n: number): string {
  return (1 / n).toFixed(10);
}

const chainLine = (chain: string) => `:${chain} - [0:0]`;

/** kube-proxy sorts endpoints by their `ip:port` string so that rules diff cleanly. */
export function sortedEndpoints(endpoints: readonly string[]): string[] {
  return [...new Set(endpoints)].sort();
}

/** Service ports in a stable order (kube-proxy walks a Go map; the order between services carries no meaning). */
function sortedPorts(ports: readonly ServicePortInfo[]): ServicePortInfo[] {
  return [...ports].sort((a, b) => (a.name === b.name ? a.protocol.localeCompare(b.protocol) : a.name < b.name ? -1 : 1));
}

/** The chains kube-proxy owns for these service ports (the ones a later sync may find stale). */
export function serviceChains(ports: readonly ServicePortInfo[]): string[] {
  const chains: string[] = [];
  for (const sp of ports) {
    if (sp.endpoints.length === 0) continue;
    chains.push(serviceChainName(sp.name, sp.protocol));
    for (const ep of sp.endpoints) chains.push(endpointChainName(sp.name, sp.protocol, ep));
  }
  return chains;
}

export function renderServiceRules(ports: readonly ServicePortInfo[], options: RenderOptions = {}): string {
  const mark = options.masqueradeMark ?? MASQUERADE_MARK;
  const filterChains = FILTER_CHAINS.map(chainLine);
  const filterRules: string[] = [];
  const natChains = NAT_CHAINS.map(chainLine);
  const natRules: string[] = [
    `-A KUBE-POSTROUTING -m mark ! --mark ${mark}/${mark} -j RETURN`,
    // Clear the mark so a packet that goes through the stack again is not masqueraded twice.
    `-A KUBE-POSTROUTING -j MARK --xor-mark ${mark}`,
    '-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE',
    `-A KUBE-MARK-MASQ -j MARK --or-mark ${mark}`,
  ];

  for (const sp of sortedPorts(ports)) {
    const proto = sp.protocol.toLowerCase();
    const endpoints = sortedEndpoints(sp.endpoints);
    const match = `-m ${proto} -p ${proto} -d ${sp.clusterIP} --dport ${sp.port}`;
    if (endpoints.length === 0) {
      filterRules.push(`-A KUBE-SERVICES -m comment --comment "${sp.name} has no endpoints" ${match} -j REJECT`);
      continue;
    }
    const svcChain = serviceChainName(sp.name, sp.protocol);
    natRules.push(`-A KUBE-SERVICES -m comment --comment "${sp.name} cluster IP" ${match} -j ${svcChain}`);
    if (options.clusterCIDR) {
      // Traffic to the cluster IP from outside the pod network is masqueraded, in case it crosses nodes.
      natRules.push(`-A ${svcChain} -m comment --comment "${sp.name} cluster IP" ${match} ! -s ${options.clusterCIDR} -j KUBE-MARK-MASQ`);
    }
    natChains.push(chainLine(svcChain));
    const sepChains = endpoints.map((ep) => endpointChainName(sp.name, sp.protocol, ep));
    if (sp.affinitySeconds !== undefined) {
      endpoints.forEach((ep, i) => {
        natRules.push(`-A ${svcChain} -m comment --comment "${sp.name} -> ${ep}" -m recent --name ${sepChains[i]} --rcheck --seconds ${sp.affinitySeconds} --reap -j ${sepChains[i]}`);
      });
    }
    endpoints.forEach((ep, i) => {
      const random = i < endpoints.length - 1 ? ` -m statistic --mode random --probability ${probability(endpoints.length - i)}` : '';
      natRules.push(`-A ${svcChain} -m comment --comment "${sp.name} -> ${ep}"${random} -j ${sepChains[i]}`);
    });
    endpoints.forEach((ep, i) => {
      const sep = sepChains[i]!;
      const ip = ep.slice(0, ep.lastIndexOf(':'));
      natChains.push(chainLine(sep));
      // A pod that reaches itself through the Service (hairpin) must be masqueraded to get the reply.
      natRules.push(`-A ${sep} -m comment --comment ${sp.name} -s ${ip} -j KUBE-MARK-MASQ`);
      const recent = sp.affinitySeconds !== undefined ? ` -m recent --name ${sep} --set` : '';
      natRules.push(`-A ${sep} -m comment --comment ${sp.name}${recent} -m ${proto} -p ${proto} -j DNAT --to-destination ${ep}`);
    });
  }

  for (const chain of options.staleChains ?? []) {
    natChains.push(chainLine(chain));
    natRules.push(`-X ${chain}`);
  }
  natRules.push(`-A KUBE-SERVICES -m comment --comment ${NODEPORTS_COMMENT} -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS`);
  filterRules.push(
    '-A KUBE-FORWARD -m conntrack --ctstate INVALID -j DROP',
    `-A KUBE-FORWARD -m comment --comment "kubernetes forwarding rules" -m mark --mark ${mark}/${mark} -j ACCEPT`,
    '-A KUBE-FORWARD -m comment --comment "kubernetes forwarding conntrack rule" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
  );
  return ['*filter', ...filterChains, ...filterRules, 'COMMIT', '*nat', ...natChains, ...natRules, 'COMMIT', ''].join('\n');
}

/**
 * The jumps from the built-in chains into kube-proxy's (iptablesJumpChains):
 * kube-proxy ensures these one by one with `iptables -I` rather than in the
 * restore payload, so as not to replace other programs' rules there. Written
 * here as a restore payload to load once, before the first sync.
 */
export function renderJumpRules(): string {
  const filter: Array<[string, string, string, string]> = [
    ['KUBE-EXTERNAL-SERVICES', 'INPUT', 'kubernetes externally-visible service portals', '-m conntrack --ctstate NEW '],
    ['KUBE-EXTERNAL-SERVICES', 'FORWARD', 'kubernetes externally-visible service portals', '-m conntrack --ctstate NEW '],
    ['KUBE-NODEPORTS', 'INPUT', 'kubernetes health check service ports', ''],
    ['KUBE-SERVICES', 'FORWARD', 'kubernetes service portals', '-m conntrack --ctstate NEW '],
    ['KUBE-SERVICES', 'OUTPUT', 'kubernetes service portals', '-m conntrack --ctstate NEW '],
    ['KUBE-FORWARD', 'FORWARD', 'kubernetes forwarding rules', ''],
    ['KUBE-PROXY-FIREWALL', 'INPUT', 'kubernetes load balancer firewall', '-m conntrack --ctstate NEW '],
    ['KUBE-PROXY-FIREWALL', 'OUTPUT', 'kubernetes load balancer firewall', '-m conntrack --ctstate NEW '],
    ['KUBE-PROXY-FIREWALL', 'FORWARD', 'kubernetes load balancer firewall', '-m conntrack --ctstate NEW '],
  ];
  const nat: Array<[string, string, string]> = [
    ['KUBE-SERVICES', 'OUTPUT', 'kubernetes service portals'],
    ['KUBE-SERVICES', 'PREROUTING', 'kubernetes service portals'],
    ['KUBE-POSTROUTING', 'POSTROUTING', 'kubernetes postrouting rules'],
  ];
  const declare = (chains: string[]) => [...new Set(chains)].map(chainLine);
  return [
    '*filter',
    ...declare(filter.map(([dst]) => dst)),
    ...filter.map(([dst, src, comment, extra]) => `-I ${src} 1 ${extra}-m comment --comment "${comment}" -j ${dst}`),
    'COMMIT',
    '*nat',
    ...declare(nat.map(([dst]) => dst)),
    ...nat.map(([dst, src, comment]) => `-I ${src} 1 -m comment --comment "${comment}" -j ${dst}`),
    'COMMIT',
    '',
  ].join('\n');
}
