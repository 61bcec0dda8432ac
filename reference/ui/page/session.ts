/**
 * Who is signed in and what they may do, as the server answers
 * /ui/api/session; the token stays in this tab's sessionStorage only.
 * The server's clock is sampled at sign-in, so ages and countdowns tick
 * in step with the cluster even when this machine's clock is off.
 */
import { Api } from './api.ts';

export interface Abilities {
  addNode: boolean;
  silenceNode: boolean;
  resumeNode: boolean;
  readProxyRules: boolean;
  listSimulatedNodes: boolean;
  failImage: boolean;
  createPods: boolean;
  deletePods: boolean;
  createReplicaSets: boolean;
}

export interface Session {
  api: Api;
  user: { name: string; groups: string[] };
  may: Abilities;
  /** Milliseconds on the cluster's clock. */
  now(): number;
}

const TOKEN_KEY = 'kubespec.token';

export const savedToken = () => sessionStorage.getItem(TOKEN_KEY);
export const forgetToken = () => sessionStorage.removeItem(TOKEN_KEY);

/** Asks the server who the token belongs to; throws its Status (401) when it belongs to no one. */
export async function signIn(token: string): Promise<Session> {
  const api = new Api(token);
  const sent = performance.now();
  const answer = await api.get<{ user: Session['user']; may: Abilities; serverTime: number }>('/ui/api/session');
  const received = performance.now();
  // The server read its clock about halfway through the round trip.
  const offset = answer.serverTime - (performance.timeOrigin + (sent + received) / 2);
  sessionStorage.setItem(TOKEN_KEY, token);
  return { api, user: answer.user, may: answer.may, now: () => performance.timeOrigin + performance.now() + offset };
}

export const anyControl = (may: Abilities) => may.addNode || may.silenceNode || may.resumeNode || may.failImage || may.createPods;
