/**
 * The timings the harness asks of a cluster that runs on the real clock
 * and honours settings (an adapter with `settings` but no `virtual-time`,
 * such as real-k8s): the note's 5 s / 40 s / 5 min would make one
 * node-lifecycle scenario take minutes, so each timing is scaled to a
 * real-time base that keeps the same order of events in seconds.
 *
 * A value a scenario names is read as a ratio of the note's: every timing
 * is scaled by its own factor, base / note default. The note's check
 * period, grace period and toleration (5 s, 40 s, 300 s) become 1 s, 4 s
 * and 10 s; Kubernetes 1.32's 50 s grace period (1.25 times the note's)
 * becomes 5 s; a one-minute toleration (a fifth of the note's) 2 s. What a
 * scenario then waits for it names by its period ("the grace period"), read
 * from the effective settings (durations.ts), never as an amount.
 */
import { NOTE_DEFAULTS, type ClusterSettings } from '../../spec/settings.ts';

type ScaledKey =
  | 'nodeMonitorPeriodMs' | 'nodeMonitorGracePeriodMs' | 'nodeStartupGracePeriodMs' | 'defaultTolerationSeconds'
  | 'nodeStatusUpdatePeriodMs' | 'nodeLeaseRenewPeriodMs' | 'nodeLeaseDurationSeconds'
  | 'nodeEvictionRate' | 'secondaryNodeEvictionRate' | 'containerBackOffInitialMs' | 'containerBackOffMaxMs';

/**
 * What the note's defaults become on the real clock. The kubelets report
 * every second, well inside the 4 s grace period, as Kubernetes' 10 s
 * reports sit inside its 40 s; the eviction rate grows five-fold with the
 * check period (one node tainted per 2 s instead of per 10 s).
 */
export const REAL_TIME_BASE: Readonly<Pick<ClusterSettings, ScaledKey>> = Object.freeze({
  nodeMonitorPeriodMs: 1000,
  nodeMonitorGracePeriodMs: 4000,
  nodeStartupGracePeriodMs: 6000,
  defaultTolerationSeconds: 10,
  nodeStatusUpdatePeriodMs: 1000,
  nodeLeaseRenewPeriodMs: 1000,
  nodeLeaseDurationSeconds: 4,
  nodeEvictionRate: 0.5,
  secondaryNodeEvictionRate: 0.05,
  containerBackOffInitialMs: 1000,
  containerBackOffMaxMs: 30_000,
});

const SCALED = Object.keys(REAL_TIME_BASE) as ScaledKey[];

/** A scaled value in the setting's own unit: whole milliseconds (at least 1), whole seconds (at least 1 unless 0 was asked), or a rate. */
function inUnit(key: ScaledKey, asked: number, value: number): number {
  if (key.endsWith('Ms')) return Math.max(1, Math.round(value));
  if (key.endsWith('Seconds')) return asked > 0 ? Math.max(1, Math.round(value)) : 0;
  return value;
}

/** The settings to ask a real-clock cluster for, when a scenario asks for `requested` on the note's time scale. */
export function scaledForRealTime(requested: Partial<ClusterSettings> = {}): Partial<ClusterSettings> {
  const out: Partial<ClusterSettings> = { ...requested };
  for (const key of SCALED) {
    const asked = requested[key] ?? NOTE_DEFAULTS[key];
    out[key] = inUnit(key, asked, (asked * REAL_TIME_BASE[key]) / NOTE_DEFAULTS[key]);
  }
  return out;
}

/** True when the cluster's timings are the note's, so that an amount of time in a scenario means what it says there. */
export function runsTheNotesTimings(settings: ClusterSettings): boolean {
  return SCALED.every((key) => settings[key] === NOTE_DEFAULTS[key]);
}
