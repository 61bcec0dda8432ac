/**
 * The controls for the note's stories, shown only to a user the server
 * says may use them (it checks again on every use): add a node, make an
 * image fail, run pods (bare, or owned by a ReplicaSet so that they come
 * back elsewhere after an eviction). Silence and Resume sit on each node.
 */
import { html, nothing } from 'lit-html';
import { anyControl } from '../session.ts';
import type { Actions, AppState } from '../state.ts';

const field = (form: HTMLFormElement, name: string) => ((form.elements.namedItem(name) as HTMLInputElement | null)?.value ?? '').trim();

export function controlsView(state: AppState, actions: Actions) {
  const { may } = state.session;
  if (!anyControl(may)) {
    return html`<section id="controls" aria-labelledby="controls-title">
      <h2 id="controls-title">Controls</h2>
      <p class="note" data-testid="no-controls">You are signed in read-only. Adding and silencing nodes, failing images and running pods need the
        <code>kubespec:story-controls</code> ClusterRole (<code>kubectl create clusterrolebinding NAME --clusterrole=kubespec:story-controls --user=${state.session.user.name}</code>).</p>
    </section>`;
  }
  const submit = (handler: (form: HTMLFormElement) => void) => (e: SubmitEvent) => {
    e.preventDefault();
    handler(e.currentTarget as HTMLFormElement);
  };
  return html`
    <section id="controls" aria-labelledby="controls-title">
      <h2 id="controls-title">Controls</h2>
      <div class="forms">
        ${may.createPods
          ? html`<form class="card" aria-labelledby="run-title" @submit=${submit((f) => actions.runPods({ name: field(f, 'name'), image: field(f, 'image'), cpu: field(f, 'cpu'), memory: field(f, 'memory'), replicas: Number(field(f, 'replicas') || '0') }))}>
              <h3 id="run-title">Run pods</h3>
              <label>Name <input name="name" required value="web" /></label>
              <label>Image <input name="image" required value="nginx:1.27" /></label>
              <label>CPU request <input name="cpu" value="500m" size="6" /></label>
              <label>Memory request <input name="memory" value="256Mi" size="6" /></label>
              <label>ReplicaSet replicas <input name="replicas" type="number" min="0" max="50" value="0" size="3" ?disabled=${!may.createReplicaSets} /></label>
              <p class="hint">0 replicas: one bare pod (gone for good once evicted); more: a ReplicaSet, which replaces evicted pods on other nodes.</p>
              <button type="submit" ?disabled=${state.busy.has('run')}>Run</button>
            </form>`
          : nothing}
        ${may.addNode
          ? html`<form class="card" aria-labelledby="add-title" @submit=${submit((f) => actions.addNode({ name: field(f, 'name'), cpu: field(f, 'cpu'), memory: field(f, 'memory') }))}>
              <h3 id="add-title">Add a node</h3>
              <label>Name <input name="name" placeholder="next worker-N" /></label>
              <label>CPU <input name="cpu" value="4" size="6" /></label>
              <label>Memory <input name="memory" value="8Gi" size="6" /></label>
              <button type="submit" ?disabled=${state.busy.has('add node')}>Add node</button>
            </form>`
          : nothing}
        ${may.failImage
          ? html`<form class="card" aria-labelledby="fail-title" @submit=${submit((f) => actions.failImage(field(f, 'image')))}>
              <h3 id="fail-title">Make an image fail</h3>
              <label>Image <input name="image" required value="nginx:broken" /></label>
              <p class="hint">Every later pull of it fails, as a missing image does: ErrImagePull, then ImagePullBackOff.</p>
              ${state.failingImages.length ? html`<p class="hint">Failing now: ${state.failingImages.join(', ')}</p>` : nothing}
              <button type="submit" ?disabled=${state.busy.has('fail image')}>Make it fail</button>
            </form>`
          : nothing}
      </div>
    </section>
  `;
}
