/** What the page says where the user may not read a kind: the server's own message. */
import { html, nothing } from 'lit-html';
import type { Kind, LiveCluster } from '../live-cluster.ts';

export function refusedNote(live: LiveCluster, kind: Kind) {
  const message = live.refused.get(kind);
  return message ? html`<p class="note" role="note">Not shown: ${message}</p>` : nothing;
}
