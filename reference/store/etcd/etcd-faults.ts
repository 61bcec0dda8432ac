/**
 * How the api-server's etcd client meets failing members, and what it
 * reports when etcd cannot answer.
 *
 * The etcd3 client's defaults do not fit an api-server: it retries every
 * failed call 3 times (a write that timed out may have committed, so a
 * retry can apply it twice or answer AlreadyExists for the caller's own
 * create), and after 3 failures it refuses a member for 5 s. Here a member
 * is set aside only when it could not be reached or did not answer in time,
 * for a short while, so calls go to the members that can answer; and only a
 * call that provably never left (no connection, every member set aside) is
 * tried again (etcd-store.ts), as etcd's Go client retries only what was
 * never sent.
 */
import { circuitBreaker, ConsecutiveBreaker, handleWhen, isBrokenCircuitError, type IPolicy } from 'cockatiel';
import { StoreError } from '../port.ts';

/** How long a member that could not be reached, or hung, is set aside before one call tries it again. */
export const MEMBER_SET_ASIDE_MS = 2000;

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** grpc-js refused to send: the channel to the member has no connection. */
export function neverSent(e: unknown): boolean {
  return (e instanceof Error && isBrokenCircuitError(e)) || /No connection established|ECONNREFUSED/.test(message(e));
}

const deadlineExceeded = (e: unknown) => /DEADLINE_EXCEEDED|deadline exceeded/i.test(message(e));

/** One breaker per member: opens on the first failure to reach it or hear back from it. */
export function memberFaultHandling(): IPolicy {
  return circuitBreaker(
    handleWhen((e) => neverSent(e) || deadlineExceeded(e)),
    { halfOpenAfter: MEMBER_SET_ASIDE_MS, breaker: new ConsecutiveBreaker(1) },
  );
}

/**
 * What a failed etcd call becomes. Kubernetes' etcd3 storage passes etcd's
 * own errors through ("etcdserver: request timed out" when no quorum
 * commits in time, "etcdserver: leader changed", ...), which the api-server
 * answers as a 500 with that message; a call still unanswered at the
 * deadline is a timeout, which it answers as 504.
 */
export function etcdFailure(e: unknown, timeoutMs?: number): StoreError {
  if (e instanceof StoreError) return e;
  if (deadlineExceeded(e) || (timeoutMs !== undefined && neverSent(e))) {
    return new StoreError({ kind: 'timeout', message: timeoutMs === undefined ? 'etcd did not answer in time' : `etcd did not answer within ${timeoutMs} ms` });
  }
  // grpc-js prefixes its code ("14 UNAVAILABLE: etcdserver: request timed out"); Go's client error is the bare text.
  return new StoreError({ kind: 'unavailable', message: message(e).replace(/^\d+ [A-Z_]+: /, '') });
}
