/** Who is signed in, whether the view is live, and the way to each section. */
import { html } from 'lit-html';
import { anyControl } from '../session.ts';
import type { Actions, AppState } from '../state.ts';

const CONNECTION = { connecting: 'connecting…', live: 'live', reconnecting: 'reconnecting…' } as const;

export function headerView(state: AppState, actions: Actions) {
  const { user, may } = state.session;
  return html`
    <header class="top">
      <h1>kubespec <span class="sub">live view</span></h1>
      <span class="connection ${state.live.connection}" data-testid="connection">${CONNECTION[state.live.connection]}</span>
      <span class="who">
        signed in as <b data-testid="user">${user.name}</b>
        ${anyControl(may) ? html`<span class="badge ok">controls</span>` : html`<span class="badge muted" data-testid="read-only">read-only</span>`}
      </span>
      <button type="button" class="quiet" @click=${actions.signOut}>Sign out</button>
    </header>
    <nav class="sections" aria-label="Sections">
      <a href="#nodes">Nodes</a><a href="#pods">Pods</a><a href="#clock">Node controller</a><a href="#services">Services</a><a href="#controls">Controls</a>
    </nav>
  `;
}
