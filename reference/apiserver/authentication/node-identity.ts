/** A kubelet's identity: user `system:node:<name>` in group `system:nodes` (Kubernetes' NodeIdentifier). */
import type { UserInfo } from './authentication.ts';

export const NODES_GROUP = 'system:nodes';
const PREFIX = 'system:node:';

/** The node a user speaks for; undefined for anyone who is not a node, '' for a node user with no name. */
export function nodeIdentity(user: UserInfo): string | undefined {
  if (!user.groups.includes(NODES_GROUP) || !user.name.startsWith(PREFIX)) return undefined;
  return user.name.slice(PREFIX.length);
}
