/**
 * One card per node: allocatable against requested CPU, memory and pods,
 * its conditions and taints, and how long ago its Lease was renewed and
 * its status posted, ticking. Silence and Resume where the user may.
 */
import { html, nothing } from 'lit-html';
import { repeat } from 'lit-html/directives/repeat.js';
import type { Lease } from '../../../../spec/objects/lease.ts';
import type { Node } from '../../../../spec/objects/node.ts';
import type { Pod } from '../../../../spec/objects/pod.ts';
import { nodeUsage } from '../../model/node-usage.ts';
import { formatAge, parseTime, timeOfDay } from '../format.ts';
import type { Actions, AppState } from '../state.ts';
import { refusedNote } from './refused.ts';

const LABELS = { cpu: 'CPU', memory: 'Memory', pods: 'Pods' } as const;

export function nodesView(state: AppState, actions: Actions) {
  const { live } = state;
  const nodes = live.list<Node & { metadata: { name: string } }>('nodes').sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
  const pods = live.list<Pod & { metadata: object }>('pods');
  return html`
    <section id="nodes" aria-labelledby="nodes-title">
      <h2 id="nodes-title">Nodes <span class="count">${nodes.length}</span></h2>
      ${refusedNote(live, 'nodes')}
      <div class="cards">
        ${repeat(nodes, (n) => n.metadata.name, (n) => nodeCard(state, actions, n, pods))}
      </div>
    </section>
  `;
}

function nodeCard(state: AppState, actions: Actions, node: Node & { metadata: { name: string } }, pods: Pod[]) {
  const name = node.metadata.name;
  const now = state.session.now();
  const ready = node.status?.conditions?.find((c) => c.type === 'Ready');
  const lease = state.live.get<Lease & { metadata: object }>('leases', `kube-node-lease/${name}`);
  const renewed = parseTime(lease?.spec?.renewTime);
  const heartbeat = parseTime(ready?.lastHeartbeatTime);
  const silenced = state.simulated.get(name);
  const { may } = state.session;
  const readyClass = ready?.status === 'True' ? 'ok' : ready?.status === 'Unknown' ? 'unknown' : 'bad';
  return html`
    <article class="card node" data-node=${name} aria-labelledby="node-${name}">
      <h3 id="node-${name}">
        ${name}
        <span class="badge ${readyClass}" data-testid="ready">${ready ? `Ready=${ready.status}` : 'no status yet'}</span>
        ${silenced ? html`<span class="badge muted">silenced</span>` : nothing}
      </h3>
      <dl class="usage">
        ${nodeUsage(node, pods).map(
          (u) => html`
            <div>
              <dt>${LABELS[u.resource]}</dt>
              <dd>
                <meter min="0" max=${u.allocatable || 1} .value=${u.requested} low=${0.7 * (u.allocatable || 1)} high=${0.9 * (u.allocatable || 1)} optimum="0" aria-label="${LABELS[u.resource]} requested"></meter>
                <span class="figure">${u.text}</span>
              </dd>
            </div>
          `,
        )}
      </dl>
      <p class="heartbeat">
        Lease renewed <b data-testid="lease-age">${Number.isFinite(renewed) ? `${formatAge(now - renewed)} ago` : 'never'}</b>
        · status posted ${Number.isFinite(heartbeat) ? `${formatAge(now - heartbeat)} ago` : 'never'}
      </p>
      <ul class="conditions" aria-label="Conditions">
        ${[...(node.status?.conditions ?? [])].sort((a, b) => Number(b.type === 'Ready') - Number(a.type === 'Ready')).map((c) => html`<li class=${c.type === 'Ready' ? (c.status === 'True' ? 'ok' : 'bad') : c.status === 'False' ? 'ok' : 'bad'} title=${c.message ?? ''}>${c.type}=${c.status}${c.reason ? html` <small>${c.reason}</small>` : nothing}</li>`)}
      </ul>
      ${node.spec?.taints?.length
        ? html`<ul class="taints" aria-label="Taints">
            ${node.spec.taints.map((t) => html`<li data-testid="taint">${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}${t.timeAdded ? html` <small>since ${timeOfDay(t.timeAdded)}</small>` : nothing}</li>`)}
          </ul>`
        : html`<p class="quiet-text">no taints</p>`}
      ${may.silenceNode || may.resumeNode
        ? html`<div class="actions">
            ${may.silenceNode ? html`<button type="button" aria-label="Silence ${name}" ?disabled=${silenced === true || state.busy.has(`silence ${name}`)} @click=${() => actions.silence(name)}>Silence</button>` : nothing}
            ${may.resumeNode ? html`<button type="button" aria-label="Resume ${name}" ?disabled=${silenced === false || state.busy.has(`resume ${name}`)} @click=${() => actions.resume(name)}>Resume</button>` : nothing}
          </div>`
        : nothing}
    </article>
  `;
}
