/**
 * The node controller's clock for every silent node: when it was last
 * heard from, the grace period running out, the Unknown mark, the taints,
 * and each pod's eviction countdown, drawn with the report's timeline
 * picture, against the settings the cluster publishes.
 */
import { html, nothing } from 'lit-html';
import { unsafeHTML } from 'lit-html/directives/unsafe-html.js';
import type { Lease } from '../../../../spec/objects/lease.ts';
import type { Node } from '../../../../spec/objects/node.ts';
import type { Pod } from '../../../../spec/objects/pod.ts';
import type { ClusterSettings } from '../../../../spec/settings.ts';
import { isSilent, nodeClock } from '../../model/node-clock.ts';
import { renderTimeline } from '../../timeline/svg.ts';
import { formatSeconds } from '../../timeline/timeline.ts';
import { formatAge } from '../format.ts';
import { settingsOf, type AppState } from '../state.ts';
import { countdownText } from './pods.ts';

/**
 * The picture is drawn narrower than its box and scaled up to fill it (text about 12 px on a
 * wide screen); on a phone it keeps its drawn size, at least 560 px, and scrolls sideways.
 */
const pictureWidth = () => Math.round(Math.max(560, Math.min(1100, ((document.getElementById('clock')?.clientWidth ?? 1100) - 40) / 1.2)));

export function nodeControllerView(state: AppState) {
  const settings = settingsOf(state);
  const now = state.session.now();
  const nodes = state.live.list<Node & { metadata: { name: string } }>('nodes').sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
  const lease = (n: string) => state.live.get<Lease & { metadata: object }>('leases', `kube-node-lease/${n}`);
  const silent = settings ? nodes.filter((n) => isSilent(n, lease(n.metadata.name), settings, now)) : [];
  return html`
    <section id="clock" aria-labelledby="clock-title">
      <h2 id="clock-title">The node controller's clock</h2>
      ${settings ? settingsLine(settings) : html`<p class="note">The effective settings (ConfigMap kube-system/kubespec-settings) are not readable: ${state.live.refused.get('configmaps') ?? 'not published'}.</p>`}
      ${settings && silent.length === 0 ? html`<p class="quiet-text" data-testid="no-silent-node">No node is silent. Silence one to watch the node controller count.</p>` : nothing}
      ${settings ? silent.map((n) => silentNode(state, n, lease(n.metadata.name), settings, now)) : nothing}
    </section>
  `;
}

function settingsLine(s: ClusterSettings) {
  return html`<p class="settings" data-testid="settings">
    Effective settings, from ConfigMap <code>kube-system/kubespec-settings</code>: checks every <b>${formatSeconds(s.nodeMonitorPeriodMs)}</b> · grace period
    <b>${formatSeconds(s.nodeMonitorGracePeriodMs)}</b> · default toleration of unreachable/not-ready <b>${formatSeconds(s.defaultTolerationSeconds * 1000)}</b> · Lease renewed every
    <b>${formatSeconds(s.nodeLeaseRenewPeriodMs)}</b>
  </p>`;
}

function silentNode(state: AppState, node: Node & { metadata: { name: string } }, lease: Lease | undefined, settings: ClusterSettings, now: number) {
  const name = node.metadata.name;
  const clock = nodeClock({ node, lease, pods: state.live.list<Pod & { metadata: object }>('pods'), settings, now, recorded: state.live.recorder.snapshot() });
  const graceLeft = clock.graceEndsAt !== undefined ? clock.graceEndsAt - now : undefined;
  return html`
    <article class="card clock" data-node=${name} aria-labelledby="clock-${name}">
      <h3 id="clock-${name}">${name}: silent for <span data-testid="silent-for">${clock.lastHeardAt !== undefined ? formatAge(now - clock.lastHeardAt) : '?'}</span></h3>
      <ul class="facts">
        <li>${clock.markedAt !== undefined
          ? html`marked <b>Ready=Unknown</b> ${formatAge(clock.markedAt - (clock.lastHeardAt ?? clock.markedAt))} after it was last heard`
          : graceLeft !== undefined && graceLeft > 0
            ? html`grace period ends in <b>${formatAge(graceLeft)}</b>; the controller marks it at a check after that`
            : html`grace period over; the next check marks it Unknown`}</li>
        <li>taints: ${(node.spec?.taints ?? []).map((t) => `${t.key}:${t.effect}`).join(', ') || 'none yet'}</li>
      </ul>
      <div class="picture">${unsafeHTML(renderTimeline(clock.timeline, { width: pictureWidth() }))}</div>
      ${clock.countdowns.length
        ? html`<table class="countdowns">
            <caption>eviction countdowns</caption>
            <thead><tr><th scope="col">Pod</th><th scope="col">Toleration</th><th scope="col">Countdown</th></tr></thead>
            <tbody>
              ${clock.countdowns.map(
                (c) => html`<tr data-pod="${c.namespace}/${c.pod}">
                  <th scope="row">${c.pod}</th>
                  <td>${c.tolerationMs === undefined ? 'forever' : `${formatSeconds(c.tolerationMs)}${c.tolerationMs === settings.defaultTolerationSeconds * 1000 ? ' (the default)' : ''}`}</td>
                  <td data-testid="countdown">${countdownText(c, now)}</td>
                </tr>`,
              )}
            </tbody>
          </table>`
        : nothing}
    </article>
  `;
}
