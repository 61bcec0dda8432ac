/**
 * Scheduling profiles: which filters run, in Kubernetes' order, and which
 * scorers rank with what weight. `note` ranks by what is left only (S3);
 * `kubernetes` adds BalancedAllocation as kube-scheduler's default profile
 * does (each with weight 1).
 */
import type { FilterPlugin, ScorePlugin } from './framework/plugin.ts';
import { balancedAllocation } from './plugins/balanced-allocation.ts';
import { leastAllocated } from './plugins/least-allocated.ts';
import { nodeAffinity } from './plugins/node-affinity.ts';
import { nodeResourcesFit } from './plugins/node-resources-fit.ts';
import { nodeUnschedulable } from './plugins/node-unschedulable.ts';
import { taintToleration } from './plugins/taint-toleration.ts';

export interface WeightedScorer {
  readonly plugin: ScorePlugin;
  readonly weight: number;
}

export interface Profile {
  readonly name: string;
  /** Run in order; the first that says no decides the node's reasons, as in Kubernetes. */
  readonly filters: readonly FilterPlugin[];
  readonly scorers: readonly WeightedScorer[];
}

/**
 * kube-scheduler's default filter order (NodeUnschedulable, NodeName,
 * TaintToleration, NodeAffinity, NodePorts, NodeResourcesFit, ...), for the
 * filters modelled here.
 */
const FILTERS = [nodeUnschedulable, taintToleration, nodeAffinity, nodeResourcesFit] as const;

export const PROFILES = {
  note: { name: 'note', filters: FILTERS, scorers: [{ plugin: leastAllocated, weight: 1 }] },
  kubernetes: {
    name: 'kubernetes',
    filters: FILTERS,
    scorers: [
      { plugin: leastAllocated, weight: 1 },
      { plugin: balancedAllocation, weight: 1 },
    ],
  },
} as const satisfies Record<string, Profile>;

export function profileNamed(name: string): Profile {
  const profile = (PROFILES as Record<string, Profile>)[name];
  if (!profile) throw new Error(`Expected a scheduler profile (${Object.keys(PROFILES).join(', ')}), got ${JSON.stringify(name)}`);
  return profile;
}
