/**
 * Each Service as kube-proxy makes it real: its cluster IP and ports, the
 * endpoints the endpoints controller found, and on every node the rules
 * that node's kube-proxy wrote, with the share of connections each
 * backend gets from the statistic rules.
 */
import { html, nothing } from 'lit-html';
import type { Endpoints } from '../../../../spec/objects/endpoints.ts';
import type { Service } from '../../../../spec/objects/service.ts';
import { keyOf } from '../live-cluster.ts';
import type { AppState } from '../state.ts';
import { refusedNote } from './refused.ts';

type ServiceObject = Service & { metadata: { name: string; namespace: string } };

export function servicesView(state: AppState) {
  const services = state.live.list<ServiceObject>('services').sort((a, b) => keyOf(a).localeCompare(keyOf(b)));
  return html`
    <section id="services" aria-labelledby="services-title">
      <h2 id="services-title">Services <span class="count">${services.length}</span></h2>
      ${refusedNote(state.live, 'services')}
      ${services.length === 0 ? html`<p class="quiet-text">No Services yet (<code>kubectl expose pod web --port 80</code>).</p>` : nothing}
      ${services.map((s) => serviceCard(state, s))}
    </section>
  `;
}

function serviceCard(state: AppState, svc: ServiceObject) {
  const key = keyOf(svc);
  const ep = state.live.get<Endpoints & { metadata: object }>('endpoints', key);
  const podOf = (ip: string) => state.live.list<{ metadata: { name: string }; spec: { nodeName?: string }; status?: { podIP?: string } }>('pods').find((p) => p.status?.podIP === ip);
  const addresses = (ep?.subsets ?? []).flatMap((s) => (s.addresses ?? []).flatMap((a) => (s.ports ?? [{ port: 0 }]).map((p) => ({ ...a, port: p.port }))));
  const names = new Set((svc.spec.ports ?? []).map((p) => (p.name ? `${key}:${p.name}` : key)));
  return html`
    <article class="card service" data-service=${key} aria-labelledby="svc-${key}">
      <h3 id="svc-${key}">${key}</h3>
      <p class="flow">
        <span class="hop">ClusterIP <b>${svc.spec.clusterIP ?? 'none'}</b> ${(svc.spec.ports ?? []).map((p) => `${p.port}/${p.protocol ?? 'TCP'}`).join(', ')}</span>
        <span class="arrow" aria-hidden="true">→</span>
        <span class="hop">endpoints:
          ${addresses.length
            ? addresses.map((a) => html`<span class="endpoint">${a.ip}:${a.port} <small>${podOf(a.ip)?.metadata.name ?? a.targetRef?.name ?? ''}${a.nodeName ? ` on ${a.nodeName}` : ''}</small></span>`)
            : html`<i>none ready</i>`}
        </span>
      </p>
      <div class="table-wrap">
        <table class="rules">
          <caption>what each node's kube-proxy wrote (iptables nat table)</caption>
          <thead><tr><th scope="col">Node</th><th scope="col">Match</th><th scope="col">Rule</th><th scope="col">Backend</th><th scope="col">--probability</th><th scope="col">Share</th></tr></thead>
          <tbody>
            ${[...state.proxyRules].sort(([a], [b]) => a.localeCompare(b)).map(([node, rules]) => {
              if ('error' in rules) return html`<tr><th scope="row">${node}</th><td colspan="5" class="note">${rules.error}</td></tr>`;
              const mine = rules.routes.filter((r) => names.has(r.servicePort));
              if (!mine.length) return html`<tr><th scope="row">${node}</th><td colspan="5" class="quiet-text">no rules yet</td></tr>`;
              return mine.flatMap((r) =>
                r.rejected
                  ? [html`<tr><th scope="row">${node}</th><td>${r.clusterIP}:${r.port}</td><td colspan="4">REJECT (no endpoints)</td></tr>`]
                  : r.backends.map(
                      (b, i) => html`<tr data-node=${node}>
                        <th scope="row">${i === 0 ? node : ''}</th>
                        <td>${i === 0 ? `${r.clusterIP}:${r.port}/${r.protocol}` : ''}</td>
                        <td><code>${r.chain}</code> → <code>${b.chain}</code></td>
                        <td>${b.endpoint}</td>
                        <td class="num">${b.ruleProbability === null ? 'last rule' : b.ruleProbability.toFixed(4)}</td>
                        <td class="num" data-testid="share">${(b.share * 100).toFixed(1)} %</td>
                      </tr>`,
                    ),
              );
            })}
          </tbody>
        </table>
      </div>
    </article>
  `;
}
