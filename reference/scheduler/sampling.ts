/**
 * How many feasible nodes the scheduler looks for before it stops filtering
 * (schedule_one.go numFeasibleNodesToFind). Under 100 nodes, all of them;
 * otherwise percentageOfNodesToScore of them (adaptive when 0: 50 - nodes/125
 * percent, at least 5 %), and never fewer than 100.
 *
 * Example: 1000 nodes, adaptive: 50 - 8 = 42 % → 420 nodes.
 */
export const MIN_FEASIBLE_NODES_TO_FIND = 100;
export const MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5;

export function numFeasibleNodesToFind(allNodes: number, percentageOfNodesToScore = 0): number {
  if (allNodes < MIN_FEASIBLE_NODES_TO_FIND) return allNodes;
  let percentage = percentageOfNodesToScore;
  if (percentage === 0) {
    percentage = 50 - Math.trunc(allNodes / 125);
    if (percentage < MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND) percentage = MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND;
  }
  const nodes = Math.trunc((allNodes * percentage) / 100);
  return nodes < MIN_FEASIBLE_NODES_TO_FIND ? MIN_FEASIBLE_NODES_TO_FIND : nodes;
}
