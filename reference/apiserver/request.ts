/** One API request as the api-server sees it, whether it came in process or over HTTP. */
import type { ListOptions, PatchType, WatchOptions } from '../../spec/adapter.ts';

export type Verb = 'get' | 'list' | 'watch' | 'create' | 'update' | 'patch' | 'delete';

export interface ApiRequest {
  verb: Verb;
  resource: string;
  subresource?: string;
  namespace?: string;
  name?: string;
  body?: unknown;
  patchType?: PatchType;
  options?: ListOptions & WatchOptions & DeleteOptions;
  /** The bearer token, and Impersonate-User / Impersonate-Group when the caller asks to act as someone else. */
  auth: { token?: string; impersonateUser?: string; impersonateGroups?: string[] };
}

/** metav1.DeleteOptions: how long a pod's kubelet gets to stop it (0 removes it at once). */
export interface DeleteOptions {
  gracePeriodSeconds?: number;
}
