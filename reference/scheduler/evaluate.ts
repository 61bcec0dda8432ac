/**
 * One scheduling decision as a pure function of a pod and a snapshot of the
 * nodes: filter (S2), score (S3), pick the best (S4). The running scheduler
 * and `kubespec schedule` both call this, so an explanation is the decision
 * itself, not a re-enactment of it.
 */
import type { NodeVerdict } from '../../spec/explanation.ts';
import type { NodeInfo } from './framework/node-info.ts';
import type { PodInfo } from './framework/pod-info.ts';
import { isSuccess, type Status } from './framework/status.ts';
import { fitErrorMessage, NO_NODES_AVAILABLE } from './failure-message.ts';
import type { Profile } from './profiles.ts';
import { numFeasibleNodesToFind } from './sampling.ts';

/** One node's verdict: the contract's form (spec/explanation.ts). */
export type { NodeVerdict };

export interface Evaluation {
  /** The nodes checked, in the order they were checked. */
  nodes: NodeVerdict[];
  selected: string | null;
  /** Why the pod fits nowhere (the FailedScheduling message), when it does not. */
  failure?: string;
  /** Where the next cycle starts checking, so every node gets its turn when sampling. */
  nextStartIndex: number;
}

export interface EvaluateOptions {
  /** Index of the first node to check (the scheduler rotates it). @default 0 */
  startIndex?: number;
  /** 0 for the adaptive percentage. @default 0 */
  percentageOfNodesToScore?: number;
  /** Picks one of n equally good nodes; the seeded generator in the scheduler. @default the first */
  pick?: (n: number) => number;
  /**
   * Keep every checked node's verdict (what explanations show). Without
   * them a decision allocates nothing per node; a pod that fits nowhere is
   * then evaluated again with them, for its failure message. The choice is
   * the same either way. @default true
   */
  verdicts?: boolean;
}

function runFilters(profile: Profile, pod: PodInfo, node: NodeInfo): Status | undefined {
  for (const plugin of profile.filters) {
    const status = plugin.filter(pod, node);
    if (!isSuccess(status)) return status;
  }
  return undefined;
}

function passesFilters(profile: Profile, pod: PodInfo, node: NodeInfo): boolean {
  for (const plugin of profile.filters) if (!isSuccess(plugin.filter(pod, node))) return false;
  return true;
}

function totalScore(profile: Profile, pod: PodInfo, node: NodeInfo): number {
  let total = 0;
  for (const { plugin, weight } of profile.scorers) total += plugin.score(pod, node) * weight;
  return total;
}

/** The same decision as below without recording verdicts; undefined when no node fits (the caller then explains why). */
function decide(pod: PodInfo, snapshot: readonly NodeInfo[], profile: Profile, options: EvaluateOptions): Evaluation | undefined {
  const all = snapshot.length;
  if (all === 0) return undefined;
  const wanted = numFeasibleNodesToFind(all, options.percentageOfNodesToScore ?? 0);
  const start = (options.startIndex ?? 0) % all;
  let found = 0;
  let checked = 0;
  let best = -Infinity;
  let top: NodeInfo[] = [];
  for (; checked < all && found < wanted; checked++) {
    const node = snapshot[(start + checked) % all]!;
    if (!passesFilters(profile, pod, node)) continue;
    found++;
    const total = totalScore(profile, pod, node);
    if (total > best) {
      best = total;
      top = [node];
    } else if (total === best) top.push(node);
  }
  if (found === 0) return undefined;
  const chosen = top.length === 1 ? top[0]! : top[options.pick?.(top.length) ?? 0]!;
  return { nodes: [], selected: chosen.name, nextStartIndex: (start + checked) % all };
}

export function evaluate(pod: PodInfo, snapshot: readonly NodeInfo[], profile: Profile, options: EvaluateOptions = {}): Evaluation {
  if (options.verdicts === false) {
    const decided = decide(pod, snapshot, profile, options);
    if (decided) return decided;
  }
  const all = snapshot.length;
  if (all === 0) return { nodes: [], selected: null, failure: NO_NODES_AVAILABLE, nextStartIndex: 0 };
  const wanted = numFeasibleNodesToFind(all, options.percentageOfNodesToScore ?? 0);
  const start = (options.startIndex ?? 0) % all;
  const verdicts: NodeVerdict[] = [];
  const feasible: Array<{ verdict: NodeVerdict; node: NodeInfo }> = [];
  let checked = 0;
  for (; checked < all && feasible.length < wanted; checked++) {
    const node = snapshot[(start + checked) % all]!;
    const refusal = runFilters(profile, pod, node);
    const verdict: NodeVerdict = { name: node.name, feasible: !refusal, reasons: refusal ? [...refusal.reasons] : [], scores: {}, total: null };
    verdicts.push(verdict);
    if (!refusal) feasible.push({ verdict, node });
  }
  const nextStartIndex = (start + checked) % all;
  if (feasible.length === 0) {
    return { nodes: verdicts, selected: null, failure: fitErrorMessage(all, verdicts.map((v) => v.reasons)), nextStartIndex };
  }
  let best = -Infinity;
  for (const { verdict, node } of feasible) {
    let total = 0;
    for (const { plugin, weight } of profile.scorers) {
      const score = plugin.score(pod, node);
      verdict.scores[plugin.name] = score;
      total += score * weight;
    }
    verdict.total = total;
    best = Math.max(best, total);
  }
  // Ties go to the first best-scored node in the order the nodes were
  // checked, as in kube-scheduler 1.37: its sorted-nodes heap breaks ties by
  // a Randomizer that only scheduler extenders set (schedule_one.go,
  // framework/sorted_nodes.go); `pick` lets a caller break them otherwise.
  const top = feasible.filter((f) => f.verdict.total === best);
  const chosen = top.length === 1 ? top[0]! : top[options.pick?.(top.length) ?? 0]!;
  return { nodes: verdicts, selected: chosen.verdict.name, nextStartIndex };
}
