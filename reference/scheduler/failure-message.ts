/**
 * The message of a pod no node can take (framework.FitError.Error): the count
 * of nodes, then a histogram of the filters' reasons, sorted as strings.
 * Example: `0/3 nodes are available: 1 Insufficient memory, 2 Insufficient cpu.`
 * (A real cluster appends what preemption found; this one does not preempt.)
 */
export const NO_NODES_AVAILABLE = 'no nodes available to schedule pods';

export function fitErrorMessage(allNodes: number, reasonsPerNode: ReadonlyArray<readonly string[]>): string {
  const counts = new Map<string, number>();
  for (const reasons of reasonsPerNode) for (const r of reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
  const histogram = [...counts].map(([reason, n]) => `${n} ${reason}`).sort();
  return `0/${allNodes} nodes are available:${histogram.length ? ` ${histogram.join(', ')}.` : ''}`;
}
