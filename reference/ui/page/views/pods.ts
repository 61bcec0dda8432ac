/**
 * Every pod: where it runs, its phase (and why it waits), and, on a node
 * with NoExecute taints, its eviction countdown. Selecting one (a button
 * per row, so the keyboard reaches it) opens its path and the scheduler's
 * explanation beside the list.
 */
import { html, nothing } from 'lit-html';
import { repeat } from 'lit-html/directives/repeat.js';
import type { Node } from '../../../../spec/objects/node.ts';
import type { Pod } from '../../../../spec/objects/pod.ts';
import { evictionCountdowns, type Countdown } from '../../model/evictions.ts';
import { formatAge, parseTime } from '../format.ts';
import { keyOf } from '../live-cluster.ts';
import type { Actions, AppState } from '../state.ts';
import { podDetailView } from './pod-detail.ts';
import { refusedNote } from './refused.ts';

type PodObject = Pod & { metadata: { name: string; namespace: string } };

/** The phase as kubectl's STATUS column shows it: a waiting container's reason wins, a pod being deleted is Terminating. */
export function podStatusText(p: Pod): string {
  if (p.metadata.deletionTimestamp) return 'Terminating';
  const waiting = p.status?.containerStatuses?.map((s) => s.state.waiting?.reason).find((r) => r && r !== 'ContainerCreating');
  return waiting ?? p.status?.phase ?? 'Pending';
}

/** Each pod's countdown, on whichever node it is, with taints seen by this page when it saw them. */
export function countdownsByPod(state: AppState): Map<string, Countdown> {
  const out = new Map<string, Countdown>();
  const pods = state.live.list<PodObject>('pods');
  const marks = state.live.recorder.snapshot().marks;
  for (const node of state.live.list<Node & { metadata: { name: string } }>('nodes')) {
    const seen = (t: { key: string; effect: string; timeAdded?: string }) =>
      [...marks].reverse().find((m) => m.node === node.metadata.name && m.kind === 'taint' && m.label === `${t.key.replace(/^node\.kubernetes\.io\//, '')}:${t.effect}`)?.at ?? (parseTime(t.timeAdded) || state.session.now());
    for (const c of evictionCountdowns(node, pods, seen)) out.set(`${c.namespace}/${c.pod}`, c);
  }
  return out;
}

export function countdownText(c: Countdown | undefined, now: number): string {
  if (!c) return '';
  if (c.marked) return 'marked for deletion';
  if (c.dueAt === undefined) return 'tolerates it forever';
  const left = c.dueAt - now;
  return left > 0 ? `evicted in ${formatAge(left)}` : 'eviction due';
}

export function podsView(state: AppState, actions: Actions) {
  const pods = state.live.list<PodObject>('pods').sort((a, b) => keyOf(a).localeCompare(keyOf(b)));
  const countdowns = countdownsByPod(state);
  const now = state.session.now();
  const selected = state.selectedPod ? state.live.get<PodObject>('pods', state.selectedPod) : undefined;
  return html`
    <section id="pods" aria-labelledby="pods-title">
      <h2 id="pods-title">Pods <span class="count">${pods.length}</span></h2>
      ${refusedNote(state.live, 'pods')}
      <div class="pods-layout ${selected ? 'with-detail' : ''}">
        <div class="table-wrap">
          <table class="pods">
            <thead><tr><th scope="col">Pod</th><th scope="col">Status</th><th scope="col">Node</th><th scope="col">IP</th><th scope="col">Age</th><th scope="col">Eviction</th></tr></thead>
            <tbody>
              ${pods.length === 0 ? html`<tr><td colspan="6" class="quiet-text">no pods yet${state.session.may.createPods ? ': run one with the controls' : ''}</td></tr>` : nothing}
              ${repeat(
                pods,
                (p) => keyOf(p),
                (p) => {
                  const key = keyOf(p);
                  const status = podStatusText(p);
                  return html`
                    <tr data-pod=${key} class=${state.selectedPod === key ? 'selected' : ''}>
                      <th scope="row"><button type="button" class="link" aria-pressed=${state.selectedPod === key ? 'true' : 'false'} @click=${() => actions.selectPod(state.selectedPod === key ? undefined : key)}>${p.metadata.namespace === 'default' ? p.metadata.name : key}</button></th>
                      <td data-testid="status" class="phase ${status}">${status}</td>
                      <td data-testid="node">${p.spec.nodeName ?? '—'}</td>
                      <td>${p.status?.podIP ?? ''}</td>
                      <td>${formatAge(now - parseTime(p.metadata.creationTimestamp))}</td>
                      <td data-testid="countdown">${countdownText(countdowns.get(key), now)}</td>
                    </tr>
                  `;
                },
              )}
            </tbody>
          </table>
        </div>
        ${selected ? podDetailView(state, actions, selected) : nothing}
      </div>
    </section>
  `;
}
