/**
 * Who sends a request, as scenarios name them (the `{actor}` parameter type):
 *
 *   the administrator              the cluster admin
 *   "alice"                        a user the scenario declared signs in with her token;
 *                                  any other name is impersonated
 *   a client with the token "t"    whatever that token proves, or a 401
 *   a client with no token         anonymous
 *   the scheduler                  system:kube-scheduler
 *   the kubelet of "worker-1"      system:node:worker-1 in the group system:nodes
 */
import type { Credentials } from '../../spec/adapter.ts';
import type { UserAccount } from '../../spec/settings.ts';

export interface Actor {
  /** As the scenario wrote it, for messages. */
  readonly phrase: string;
  /** Absent for the administrator. */
  readonly credentials?: Credentials;
}

export const ACTOR_PATTERN = /the administrator|the scheduler|the kubelet of "[^"]+"|a client with no token|a client with the token "[^"]*"|"[^"]+"/;

export function actorFrom(phrase: string, users: readonly UserAccount[]): Actor {
  if (phrase === 'the administrator') return { phrase };
  if (phrase === 'the scheduler') return { phrase, credentials: { user: 'system:kube-scheduler' } };
  if (phrase === 'a client with no token') return { phrase, credentials: { anonymous: true } };
  const kubelet = /^the kubelet of "([^"]+)"$/.exec(phrase);
  if (kubelet) return { phrase, credentials: { user: `system:node:${kubelet[1]}`, groups: ['system:nodes'] } };
  const token = /^a client with the token "([^"]*)"$/.exec(phrase);
  if (token) return { phrase, credentials: { token: token[1]! } };
  const user = /^"([^"]+)"$/.exec(phrase);
  if (user) {
    const account = users.find((u) => u.name === user[1]);
    return { phrase, credentials: account ? { token: account.token } : { user: user[1]! } };
  }
  throw new Error(`Expected who sends the request (${ACTOR_PATTERN.source.split('|').join(', ')}), got ${JSON.stringify(phrase)}`);
}
