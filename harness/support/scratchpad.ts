/**
 * What a scenario's steps note for the steps after them ("the remembered
 * version", "that heartbeat", "its node"), each under a name with its own
 * type, so a later step reads it back without a cast, and a step that
 * reads what nothing noted fails with the step that should have.
 */
import type { WatchEvent, WatchHandle } from '../../spec/adapter.ts';
import type { KubeList, KubeObject } from '../../spec/objects/meta.ts';
import type { DrainReport } from './drain.ts';
import type { Instant } from './instant.ts';

/** A watch a step opened, with what it has delivered so far and how the server ended it, if it did. */
interface WatchRecording {
  readonly events: WatchEvent[];
  /** The errors the watch was ended with (a Status such as 410 Expired); empty while it runs. */
  readonly endings: unknown[];
  readonly handle: WatchHandle;
}

export interface Notes {
  /** The object or list the last request answered with. */
  answer: KubeObject | KubeList;
  /** The manifests "… creates these objects:" sent, in order. */
  written: KubeObject[];
  /** A resourceVersion noted for a stale update or a watch to start from. */
  version: string;
  /** How many entries the store log had just before the last request ("that request"). */
  storeLogMark: number;
  /** When the heartbeat came right after which a node stopped reporting (until the node was silenced). */
  heartbeat: Instant;
  /** When the node controller's taint appeared. */
  taintAdded: Instant;
  /**
   * When the cluster dates the last object created: its creationTimestamp,
   * which is kept to the second, rounded down (metav1.Time), so from a
   * second before the request was sent until its answer.
   */
  created: Instant;
  /** The node a pod was bound to ("its node"). */
  itsNode: string;
  /** The pod a step deleted on a ReplicaSet's behalf. */
  deletedPod: string;
  /** The node chosen for each of a series of pods. */
  chosenNodes: string[];
  /** A Lease's renewTime when it was last read. */
  leaseRenewTime: string;
  /** The watch a step opened. */
  watch: WatchRecording;
  /** What a rollout looked like after each step of time, while a step let it run. */
  rollout: RolloutObservation[];
  /** What the last drain evicted, and what held it back. */
  drain: DrainReport;
  /** The pods a step watches, as they were when the watch began. */
  watchedFrom: KubeObject[];
}

/** A Deployment's pods and available count, seen once the cluster settled after one step of time. */
export interface RolloutObservation {
  /** Milliseconds since the cluster started. */
  at: number;
  /** Pods of the Deployment that are not finished and not being deleted. */
  pods: number;
  /** Available pods, as the Deployment's ReplicaSets count them. */
  available: number;
  /** Live pods of each image. */
  images: Record<string, number>;
}

/** The step that notes each thing, for the message when a later step finds it missing. */
const NOTED_BY: Record<keyof Notes, string> = {
  answer: 'a request step ("… creates this …", "… tries to …")',
  written: '"… creates these objects:"',
  version: '"the version of … is remembered"',
  storeLogMark: 'a request step or "the store refuses the next commit"',
  heartbeat: '"node … stops reporting right after a heartbeat"',
  taintAdded: '"the node controller has tainted node … with …"',
  created: '"… creates this …:"',
  itsNode: '"pod … is Running on one of the nodes"',
  deletedPod: '"… deletes one pod of replica set …"',
  chosenNodes: '"a pod like this is created and deleted … times:"',
  leaseRenewTime: '"node … has a Lease in … held by … for …"',
  watch: '"… watches the … from the remembered version", "the pods are watched from now on" or "the pods labelled … are watched"',
  rollout: '"the rollout of deployment … runs to completion, observed every …"',
  drain: '"the administrator drains node …"',
  watchedFrom: '"the pods labelled … are watched"',
};

export class Scratchpad {
  private readonly notes: Partial<Notes> = {};

  note<K extends keyof Notes>(name: K, value: Notes[K]): void {
    this.notes[name] = value;
  }

  has(name: keyof Notes): boolean {
    return this.notes[name] !== undefined;
  }

  /** What an earlier step noted; fails, naming that step, when none did. */
  recall<K extends keyof Notes>(name: K): Notes[K] {
    const value = this.notes[name];
    if (value === undefined) throw new Error(`Nothing noted as "${name}" yet: a step such as ${NOTED_BY[name]} must come first`);
    return value;
  }
}
