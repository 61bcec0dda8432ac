/**
 * One pod: its path through the note's steps with the times the API
 * recorded (and how long after its creation each came), the events each
 * component wrote about it, and the scheduler's explanation of where it
 * went: each node's filter verdict and reasons, each plugin's score.
 */
import { html, nothing } from 'lit-html';
import type { Event } from '../../../../spec/objects/event.ts';
import type { Pod } from '../../../../spec/objects/pod.ts';
import { EXPLANATION_ANNOTATION, type Explanation } from '../../../scheduler/explanation.ts';
import { podPath, type PathStep, type StepState } from '../../model/pod-path.ts';
import { formatDelta, timeOfDay } from '../format.ts';
import { keyOf } from '../live-cluster.ts';
import type { Actions, AppState } from '../state.ts';

const MARK: Record<StepState, string> = { done: '✓', waiting: '…', failed: '✗' };

export function podDetailView(state: AppState, actions: Actions, pod: Pod & { metadata: { name: string; namespace: string } }) {
  const key = keyOf(pod);
  const steps = podPath(pod, state.live.list<Event & { metadata: object }>('events'));
  // The API's times are whole seconds; the page's own sightings through the watch say more when it was open.
  const seenCreated = state.live.seen('pods', key, 'created');
  const seen = (s: PathStep) => {
    const at = s.evidence ? state.live.seen('events', s.evidence) : s.id === 'created' || s.id === 'bound' || s.id === 'reported' ? state.live.seen('pods', key, s.id) : undefined;
    return at !== undefined && seenCreated !== undefined && s.state === 'done' ? html` · <span data-testid="seen">seen +${formatDelta(at - seenCreated)}</span>` : nothing;
  };
  return html`
    <section class="detail" aria-labelledby="pod-detail-title" data-testid="pod-detail">
      <h3 id="pod-detail-title">${key}</h3>
      <p class="quiet-text">image ${pod.spec.containers.map((c) => c.image).join(', ')}${pod.spec.nodeName ? html` · on <b>${pod.spec.nodeName}</b>` : nothing}</p>
      <p class="hint">Times as the API recorded them (UTC); <i>seen</i>: how long after the pod's creation this page saw each step through its watch.</p>
      <ol class="path" aria-label="Path through the note's steps">
        ${steps.map(
          (s) => html`
            <li class=${s.state} data-step=${s.id}>
              <span class="mark" aria-hidden="true">${MARK[s.state]}</span>
              <div>
                <b>${s.title}</b> <span class="visually-hidden">(${s.state})</span>
                <div class="when">${s.at ? html`<time datetime=${s.at}>${timeOfDay(s.at)}</time>` : s.state}${seen(s)}</div>
                <div class="detail-text">${s.detail}</div>
                ${s.events.length
                  ? html`<ul class="events">
                      ${s.events.map((e) => html`<li class=${e.type === 'Warning' ? 'warning' : ''}><time datetime=${e.at}>${timeOfDay(e.at)}</time> <b>${e.reason}</b> ${e.message} <small>${e.from}</small></li>`)}
                    </ul>`
                  : nothing}
              </div>
            </li>
          `,
        )}
      </ol>
      ${explanationView(pod)}
      <div class="actions">
        ${state.session.may.deletePods && pod.metadata.namespace === 'default'
          ? html`<button type="button" ?disabled=${state.busy.has(`delete ${key}`)} @click=${() => actions.deletePod(key)}>Delete ${pod.metadata.name}</button>`
          : nothing}
        <button type="button" class="quiet" @click=${() => actions.selectPod(undefined)}>Close</button>
      </div>
    </section>
  `;
}

function explanationView(pod: Pod) {
  const raw = pod.metadata.annotations?.[EXPLANATION_ANNOTATION];
  if (!raw) {
    return html`<p class="note">No explanation from the scheduler${pod.spec.nodeName ? '' : ' yet'}: it writes one when <code>schedulerExplain</code> is on (kubespec serve turns it on).</p>`;
  }
  let exp: Explanation;
  try {
    exp = JSON.parse(raw) as Explanation;
  } catch {
    return html`<p class="note">The scheduler's explanation could not be read.</p>`;
  }
  const plugins = [...new Set(exp.nodes.flatMap((n) => Object.keys(n.scores ?? {})))];
  return html`
    <h4>The scheduler's explanation</h4>
    <div class="table-wrap">
      <table class="explanation" data-testid="explanation">
        <caption>each node's filter verdict and plugin scores; chosen: <b>${exp.selected ?? 'none'}</b></caption>
        <thead><tr><th scope="col">Node</th><th scope="col">Filter</th>${plugins.map((p) => html`<th scope="col">${p}</th>`)}<th scope="col">Total</th></tr></thead>
        <tbody>
          ${exp.nodes.map(
            (n) => html`
              <tr class=${n.name === exp.selected ? 'chosen' : ''} data-node=${n.name}>
                <th scope="row">${n.name}${n.name === exp.selected ? html` <span class="badge ok">chosen</span>` : nothing}</th>
                <td class=${n.feasible ? 'ok' : 'bad'}>${n.feasible ? 'fits' : (n.reasons ?? []).join('; ') || 'filtered out'}</td>
                ${plugins.map((p) => html`<td class="num">${n.scores?.[p] ?? '—'}</td>`)}
                <td class="num"><b>${n.feasible ? (n.total ?? '—') : '—'}</b></td>
              </tr>
            `,
          )}
        </tbody>
      </table>
    </div>
  `;
}
