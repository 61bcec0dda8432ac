/**
 * Durations as scenarios write them. One grammar serves every step that
 * lets time pass or states a timing (the `{duration}` parameter type):
 *
 *   duration := term (" and " term)*     "the grace period and the toleration"
 *   term     := amount ["more"] unit      "40 seconds", "1.5 s", "1 more second", "5 minutes", "500 ms"
 *             | count period             "a node-monitor period", "the grace period", "half the toleration"
 *   amount   := digits ["." digits]
 *   unit     := ms | millisecond(s) | s | second(s) | min | minute(s)
 *   count    := a | an | the | one | two | three | half the | twice the | digits
 *   period   := node-monitor period | grace period | startup grace period | toleration
 *             | Lease renewal period | Lease duration | eviction interval | compaction interval   (each also plural)
 *
 * A period is read from the cluster's effective settings (the flags
 * --node-monitor-period, --node-monitor-grace-period, ...), so "the grace
 * period" is the note's 40 s on the reference and whatever a real cluster
 * runs. That is how a scenario waits on a cluster whose timings are scaled
 * (real-time-settings.ts): an amount ("40 seconds") means the same there as
 * everywhere, which is why waits on such a cluster must name a period.
 */
import type { ClusterSettings } from '../../spec/settings.ts';

const UNIT_MS: Record<string, number> = {
  ms: 1, millisecond: 1, milliseconds: 1,
  s: 1000, second: 1000, seconds: 1000,
  min: 60_000, minute: 60_000, minutes: 60_000,
};

const COUNTS: Record<string, number> = { a: 1, an: 1, the: 1, one: 1, two: 2, three: 3, 'half the': 0.5, 'twice the': 2 };

/** Each named period, and the setting it is read from. */
const PERIODS: Record<string, (s: ClusterSettings) => number> = {
  'node-monitor period': (s) => s.nodeMonitorPeriodMs,
  'startup grace period': (s) => s.nodeStartupGracePeriodMs,
  'grace period': (s) => s.nodeMonitorGracePeriodMs,
  toleration: (s) => s.defaultTolerationSeconds * 1000,
  'Lease renewal period': (s) => s.nodeLeaseRenewPeriodMs,
  'Lease duration': (s) => s.nodeLeaseDurationSeconds * 1000,
  // The NoExecute taint queue lets one node through per 1/rate seconds (a token bucket of burst 1).
  'eviction interval': (s) => 1000 / s.nodeEvictionRate,
  'compaction interval': (s) => s.etcdCompactionIntervalMs,
};

const PERIOD_NAMES = Object.keys(PERIODS).join('|');
const AMOUNT = String.raw`\d+(?:\.\d+)?(?: more)? (?:ms|milliseconds?|seconds?|minutes?|min|s)`;
const COUNTED = String.raw`(?:a|an|the|one|two|three|half the|twice the|\d+) (?:${PERIOD_NAMES})s?`;
const TERM = `(?:${AMOUNT}|${COUNTED})`;

/** What `{duration}` matches in a step, as one whole (no capture groups). */
export const DURATION_PATTERN = new RegExp(`${TERM}(?: and ${TERM})*`);

/** The terms of a duration: "the grace period and the toleration" has two. */
const termsOf = (text: string) => text.trim().split(' and ');

/**
 * The duration in milliseconds. `settings` is asked only for a named
 * period, so a duration in a step that configures the cluster (before it
 * starts) may be an amount but not a period.
 */
export function parseDuration(text: string, settings: () => ClusterSettings): number {
  return termsOf(text).reduce((sum, term) => sum + parseTerm(term, text, settings), 0);
}

function parseTerm(term: string, whole: string, settings: () => ClusterSettings): number {
  const amount = /^(\d+(?:\.\d+)?)(?: more)? ([a-z]+)$/.exec(term);
  if (amount && UNIT_MS[amount[2]!] !== undefined) return Number(amount[1]) * UNIT_MS[amount[2]!]!;
  const counted = new RegExp(`^(half the|twice the|[a-z]+|\\d+) (${PERIOD_NAMES})s?$`).exec(term);
  const count = counted ? (COUNTS[counted[1]!] ?? Number(counted[1])) : NaN;
  if (counted && Number.isFinite(count)) return count * PERIODS[counted[2]!]!(settings());
  throw new Error(`Expected a duration such as "40 seconds", "1.5 s", "5 minutes", "a node-monitor period" or "the grace period", got ${JSON.stringify(whole)}`);
}

/** True when the duration states an amount of time ("40 seconds") rather than naming only the cluster's periods. */
export function statesAnAmount(text: string): boolean {
  return termsOf(text).some((term) => new RegExp(`^${AMOUNT}$`).test(term));
}
