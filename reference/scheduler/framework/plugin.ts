/**
 * The plugin roles (staging/src/k8s.io/kube-scheduler/framework/interface.go):
 * a plugin is a name plus whichever of Filter and Score it implements.
 * Each plugin file checks its conformance at compile time with `satisfies`,
 * as Go code does with `var _ framework.FilterPlugin = &Fit{}`.
 */
import type { NodeInfo } from './node-info.ts';
import type { PodInfo } from './pod-info.ts';
import type { Status } from './status.ts';

export interface Plugin {
  readonly name: string;
}

/** Says whether the node can run the pod at all. */
export interface FilterPlugin extends Plugin {
  filter(pod: PodInfo, node: NodeInfo): Status;
}

/** Ranks a node that passed every filter, from 0 to MAX_NODE_SCORE. */
export interface ScorePlugin extends Plugin {
  score(pod: PodInfo, node: NodeInfo): number;
}
