/**
 * Reads back what a kube-proxy gave `iptables-restore` as the path a packet
 * to a Service takes: KUBE-SERVICES matches the cluster IP and port and
 * jumps to the service chain (KUBE-SVC-...), which picks endpoint i of n
 * with `--probability 1/(n-i)` (the last rule unconditionally) and jumps
 * to its endpoint chain (KUBE-SEP-...), which DNATs to the pod. A packet
 * reaches endpoint i with the rule's probability times the chance that no
 * earlier rule matched: 1/n each. A Service without endpoints is a REJECT
 * in the filter table.
 */

export interface Backend {
  /** `ip:port` the endpoint chain DNATs to. */
  endpoint: string;
  chain: string;
  /** The rule's `--probability`, or null for the last, unconditional rule. */
  ruleProbability: number | null;
  /** The share of new connections that end up here. */
  share: number;
}

export interface ProxyRoute {
  /** kube-proxy's name for the service port: `ns/name:port`, or `ns/name` for an unnamed port. */
  servicePort: string;
  clusterIP: string;
  port: number;
  protocol: string;
  /** KUBE-SVC-..., absent when the port has no endpoints. */
  chain?: string;
  backends: Backend[];
  /** True when the filter table rejects the cluster IP: no ready endpoints. */
  rejected: boolean;
}

/** Splits an iptables rule into words, keeping "quoted comments" whole. */
export function ruleWords(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!);
}

const option = (words: string[], name: string) => {
  const i = words.indexOf(name);
  return i >= 0 ? words[i + 1] : undefined;
};
const serviceNameOf = (comment: string | undefined) => (comment ?? '').replace(/ (cluster IP|has no endpoints)$/, '');

/** Every service port in a payload, in the order its KUBE-SERVICES rules come. */
export function proxyRoutes(payload: string): ProxyRoute[] {
  const rules: Record<string, Record<string, string[][]>> = {};
  let table = '';
  for (const raw of payload.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('*')) table = line.slice(1);
    if (!line.startsWith('-A ')) continue;
    const words = ruleWords(line);
    ((rules[table] ??= {})[words[1]!] ??= []).push(words);
  }
  const nat = rules.nat ?? {};
  const routes: ProxyRoute[] = [];
  for (const words of nat['KUBE-SERVICES'] ?? []) {
    const chain = option(words, '-j');
    if (!chain?.startsWith('KUBE-SVC-')) continue;
    let remaining = 1;
    const backends: Backend[] = [];
    for (const rule of nat[chain] ?? []) {
      const sep = option(rule, '-j');
      if (!sep?.startsWith('KUBE-SEP-')) continue;
      const p = option(rule, '--probability');
      const ruleProbability = p === undefined ? null : Number(p);
      const share = remaining * (ruleProbability ?? 1);
      remaining -= share;
      const dnat = (nat[sep] ?? []).find((r) => option(r, '-j') === 'DNAT');
      backends.push({ endpoint: (dnat && option(dnat, '--to-destination')) ?? '?', chain: sep, ruleProbability, share });
    }
    routes.push(routeOf(words, { chain, backends, rejected: false }));
  }
  for (const words of rules.filter?.['KUBE-SERVICES'] ?? []) {
    if (option(words, '-j') === 'REJECT') routes.push(routeOf(words, { backends: [], rejected: true }));
  }
  return routes;
}

function routeOf(words: string[], rest: Pick<ProxyRoute, 'backends' | 'rejected'> & { chain?: string }): ProxyRoute {
  return {
    servicePort: serviceNameOf(option(words, '--comment')),
    clusterIP: (option(words, '-d') ?? '').replace(/\/32$/, ''),
    port: Number(option(words, '--dport')),
    protocol: (option(words, '-p') ?? 'tcp').toUpperCase(),
    ...rest,
  };
}
