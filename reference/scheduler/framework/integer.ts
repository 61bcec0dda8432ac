/**
 * Kubernetes scores with int64 arithmetic. Quantities fit in a double, but
 * `Math.floor(a / b)` can round up when the true quotient sits just below an
 * integer; this corrects that so scores match Go's integer division.
 */
export function intDiv(a: number, b: number): number {
  let q = Math.floor(a / b);
  if (q * b > a) q -= 1;
  else if ((q + 1) * b <= a) q += 1;
  return q;
}

/** The highest score a plugin gives a node (framework.MaxNodeScore). */
export const MAX_NODE_SCORE = 100;
