import type { Mutant } from '../mutant.ts';
import type { ComponentFactory, KubeProxyContext } from '../../../spec/components.ts';
import { referenceKubeProxy } from '../../../reference/proxy/kube-proxy.ts';

export const mutant: Mutant = {
  bug: 'kube-proxy gives every endpoint rule the probability 1/n, not 1/(n-i): later endpoints get less than their share',
  swap: 'kube-proxy',
  tags: '@component:kube-proxy',
};

/** Rewrites each KUBE-SVC chain's `--probability` to 1/n, n being the number of endpoints in that chain. */
function uniform(payload: string): string {
  const lines = payload.split('\n');
  const perChain = new Map<string, number>();
  for (const l of lines) {
    const m = /^-A (KUBE-SVC-\S+) .*-j KUBE-SEP-/.exec(l);
    if (m) perChain.set(m[1]!, (perChain.get(m[1]!) ?? 0) + 1);
  }
  return lines
    .map((l) => {
      const m = /^-A (KUBE-SVC-\S+) .*--probability [0-9.]+/.exec(l);
      return m ? l.replace(/--probability [0-9.]+/, `--probability ${(1 / perChain.get(m[1]!)!).toFixed(10)}`) : l;
    })
    .join('\n');
}

const skewed: ComponentFactory<KubeProxyContext> = (ctx) =>
  referenceKubeProxy({ ...ctx, iptablesRestore: (payload, options) => ctx.iptablesRestore(uniform(payload), options) });
export default skewed;
