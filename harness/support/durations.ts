/**
 * Durations as scenarios write them. One grammar serves every step that
 * lets time pass or states a timing (the `{duration}` parameter type):
 *
 *   duration := amount ["more"] unit    "40 seconds", "1.5 s", "1 more second", "5 minutes", "500 ms"
 *             | count period             "a node-monitor period", "two compaction intervals"
 *   amount   := digits ["." digits]
 *   unit     := ms | millisecond(s) | s | second(s) | min | minute(s)
 *   count    := a | one | two | three | digits
 *   period   := node-monitor period(s) | compaction interval(s)
 *
 * A period is read from the cluster's effective settings (the flags
 * --node-monitor-period and --etcd-compaction-interval), so "a node-monitor
 * period" is the note's 5 s on the reference and whatever a real cluster runs.
 */
import type { ClusterSettings } from '../../spec/settings.ts';

const UNIT_MS: Record<string, number> = {
  ms: 1, millisecond: 1, milliseconds: 1,
  s: 1000, second: 1000, seconds: 1000,
  min: 60_000, minute: 60_000, minutes: 60_000,
};

const COUNTS: Record<string, number> = { a: 1, one: 1, two: 2, three: 3 };

const PERIODS: Record<string, (s: ClusterSettings) => number> = {
  'node-monitor period': (s) => s.nodeMonitorPeriodMs,
  'compaction interval': (s) => s.etcdCompactionIntervalMs,
};

const AMOUNT = String.raw`\d+(?:\.\d+)?(?: more)? (?:ms|milliseconds?|seconds?|minutes?|min|s)`;
const COUNTED = String.raw`(?:a|one|two|three|\d+) (?:node-monitor periods?|compaction intervals?)`;

/** What `{duration}` matches in a step, as one whole (no capture groups). */
export const DURATION_PATTERN = new RegExp(`${AMOUNT}|${COUNTED}`);

/**
 * The duration in milliseconds. `settings` is asked only for a named
 * period, so a duration in a step that configures the cluster (before it
 * starts) may be an amount but not a period.
 */
export function parseDuration(text: string, settings: () => ClusterSettings): number {
  const amount = /^(\d+(?:\.\d+)?)(?: more)? ([a-z]+)$/.exec(text.trim());
  if (amount && UNIT_MS[amount[2]!] !== undefined) return Number(amount[1]) * UNIT_MS[amount[2]!]!;
  const counted = /^([a-z]+|\d+) (node-monitor period|compaction interval)s?$/.exec(text.trim());
  if (counted) {
    const count = COUNTS[counted[1]!] ?? Number(counted[1]);
    if (Number.isInteger(count)) return count * PERIODS[counted[2]!]!(settings());
  }
  throw new Error(`Expected a duration such as "40 seconds", "1.5 s", "5 minutes" or "a node-monitor period", got ${JSON.stringify(text)}`);
}
