/**
 * Settings for `kubespec serve` from the command line: `--set key=value`
 * for any ClusterSettings entry, and `--time-scale F` to shrink every timing
 * at once so that real-time runs (kubectl, the suite over HTTP) stay quick.
 * The effective settings are published in the ConfigMap below, where the
 * HTTP adapter reads them (a real cluster publishes its config the same way,
 * e.g. kubeadm's kube-system/kubeadm-config).
 */
import { NOTE_DEFAULTS, SETTINGS_CONFIGMAP, type ClusterSettings } from '../../spec/settings.ts';

export { SETTINGS_CONFIGMAP };

/** Timing settings are the ones measured in milliseconds or seconds. */
const isTiming = (key: string) => /(Ms|Seconds)$/.test(key);

function coerce(key: keyof ClusterSettings, raw: string): unknown {
  const example = NOTE_DEFAULTS[key];
  if (typeof example === 'number') {
    const n = Number(raw);
    if (!Number.isFinite(n)) throw new Error(`--set ${key}: expected a number, got ${JSON.stringify(raw)}`);
    return n;
  }
  if (typeof example === 'boolean') {
    if (raw !== 'true' && raw !== 'false') throw new Error(`--set ${key}: expected true or false, got ${JSON.stringify(raw)}`);
    return raw === 'true';
  }
  return raw;
}

/** `key=value` pairs over the note's defaults, after scaling every timing by `timeScale`. */
export function settingsFromFlags(pairs: string[], timeScale = 1): Partial<ClusterSettings> {
  if (!(timeScale > 0)) throw new Error(`--time-scale: expected a number > 0, got ${timeScale}`);
  const out: Record<string, unknown> = {};
  if (timeScale !== 1) {
    for (const [key, value] of Object.entries(NOTE_DEFAULTS)) {
      if (isTiming(key) && typeof value === 'number') out[key] = Math.max(1, Math.round(value * timeScale));
    }
  }
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    const key = pair.slice(0, eq) as keyof ClusterSettings;
    if (eq <= 0 || !(key in NOTE_DEFAULTS)) {
      throw new Error(`--set ${pair}: expected key=value with key one of ${Object.keys(NOTE_DEFAULTS).join(', ')}`);
    }
    out[key] = coerce(key, pair.slice(eq + 1));
  }
  return out as Partial<ClusterSettings>;
}
