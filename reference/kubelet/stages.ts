/**
 * A container's life on the simulated node, as data (in the spirit of
 * kwok's Stages): each stage says what the container status shows, and each
 * transition says what moves a container from one stage to the next and
 * which Events the kubelet records on the way. The pod worker only finds
 * the outcome of a stage (did the pull work? is the back-off over?) and
 * follows this table.
 *
 * Kubernetes' behaviour, in table form: a failed pull shows ErrImagePull,
 * then ImagePullBackOff until the back-off (10 s, doubling to 5 min) lets
 * the kubelet pull again; a container that exits is restarted as its pod's
 * restartPolicy says, at once the first time and then after the same
 * back-off, showing CrashLoopBackOff while it waits.
 */
import type { ContainerState } from '../../spec/objects/pod.ts';

export type StageName = 'Pulling' | 'ErrImagePull' | 'ImagePullBackOff' | 'Running' | 'Exited' | 'CrashLoopBackOff';

export type Outcome =
  | 'pulled' // the image is there
  | 'pull-failed' // the runtime could not pull it
  | 'in-back-off' // the back-off has not run out yet
  | 'back-off-over'
  | 'exited' // the container process ended
  | 'restart' // restartPolicy says restart, and no back-off applies (first exit)
  | 'restart-later' // restartPolicy says restart, after the back-off
  | 'stay-stopped'; // restartPolicy says no

/** What the worker knows about one container, for stage texts. */
export interface StageContext {
  image: string;
  container: string;
  pod: string; // `name_namespace(uid)`, as the kubelet prints a pod
  message?: string; // the runtime's error
  backOffSeconds: number;
  exitCode?: number;
  startedAt?: string;
  finishedAt?: string;
}

export interface EventSpec {
  type: 'Normal' | 'Warning';
  reason: string;
  message: (c: StageContext) => string;
}

export interface Transition {
  from: StageName;
  on: Outcome;
  to: StageName;
  /** The container is started (again) on this transition. */
  starts?: boolean;
  /** Back-off bookkeeping: 'image' or 'crash' moves that key to its next delay. */
  backOff?: 'image' | 'crash';
  /** A restart counts in restartCount. */
  restarts?: boolean;
  events: EventSpec[];
}

const ev = (type: EventSpec['type'], reason: string, message: EventSpec['message']): EventSpec => ({ type, reason, message });
const started = [
  ev('Normal', 'Created', (c) => `Created container ${c.container}`),
  ev('Normal', 'Started', (c) => `Started container ${c.container}`),
];

export const TRANSITIONS: readonly Transition[] = [
  { from: 'Pulling', on: 'pulled', to: 'Running', starts: true, events: [ev('Normal', 'Pulled', (c) => `Successfully pulled image "${c.image}"`), ...started] },
  {
    from: 'Pulling', on: 'pull-failed', to: 'ErrImagePull', backOff: 'image',
    events: [ev('Warning', 'Failed', (c) => `Failed to pull image "${c.image}": ${c.message}`), ev('Warning', 'Failed', () => 'Error: ErrImagePull')],
  },
  {
    from: 'ErrImagePull', on: 'in-back-off', to: 'ImagePullBackOff',
    events: [ev('Normal', 'BackOff', (c) => `Back-off pulling image "${c.image}"`), ev('Warning', 'Failed', () => 'Error: ImagePullBackOff')],
  },
  { from: 'ImagePullBackOff', on: 'back-off-over', to: 'Pulling', events: [ev('Normal', 'Pulling', (c) => `Pulling image "${c.image}"`)] },
  { from: 'Running', on: 'exited', to: 'Exited', events: [] },
  { from: 'Exited', on: 'restart', to: 'Running', starts: true, restarts: true, backOff: 'crash', events: started },
  {
    from: 'Exited', on: 'restart-later', to: 'CrashLoopBackOff',
    events: [ev('Warning', 'BackOff', (c) => `Back-off restarting failed container ${c.container} in pod ${c.pod}`)],
  },
  { from: 'CrashLoopBackOff', on: 'back-off-over', to: 'Running', starts: true, restarts: true, backOff: 'crash', events: started },
];

/** What the container status shows in each stage (v1.ContainerState). */
export const STAGE_STATE: Record<StageName, (c: StageContext) => ContainerState> = {
  Pulling: () => ({ waiting: { reason: 'ContainerCreating' } }),
  ErrImagePull: (c) => ({ waiting: { reason: 'ErrImagePull', message: c.message ?? '' } }),
  ImagePullBackOff: (c) => ({ waiting: { reason: 'ImagePullBackOff', message: `Back-off pulling image "${c.image}"` } }),
  Running: (c) => ({ running: { startedAt: c.startedAt ?? '' } }),
  Exited: (c) => ({ terminated: { exitCode: c.exitCode ?? 0, reason: c.exitCode ? 'Error' : 'Completed', startedAt: c.startedAt ?? '', finishedAt: c.finishedAt ?? '' } }),
  CrashLoopBackOff: (c) => ({
    waiting: { reason: 'CrashLoopBackOff', message: `back-off ${c.backOffSeconds}s restarting failed container=${c.container} pod=${c.pod}` },
  }),
};

export function transition(from: StageName, on: Outcome): Transition | undefined {
  return TRANSITIONS.find((t) => t.from === from && t.on === on);
}
