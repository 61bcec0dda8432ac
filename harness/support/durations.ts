/** Durations as scenarios write them: "40 seconds", "5 minutes", "500 ms". */
const UNIT_MS: Record<string, number> = {
  ms: 1, millisecond: 1, milliseconds: 1,
  s: 1000, second: 1000, seconds: 1000,
  m: 60_000, minute: 60_000, minutes: 60_000,
};

export const DURATION_PATTERN = /\d+(?:\.\d+)? ?(?:ms|milliseconds?|seconds?|minutes?|s|m)\b/;

export function parseDuration(text: string): number {
  const m = /^(\d+(?:\.\d+)?) ?([a-z]+)$/.exec(text.trim());
  const unit = m ? UNIT_MS[m[2]!] : undefined;
  if (!m || unit === undefined) throw new Error(`Expected a duration such as "40 seconds" or "5 minutes", got ${JSON.stringify(text)}`);
  return Number(m[1]) * unit;
}

export function formatDuration(ms: number): string {
  if (ms % 60_000 === 0 && ms >= 60_000) return `${ms / 60_000} min`;
  if (ms % 1000 === 0) return `${ms / 1000} s`;
  return `${ms} ms`;
}
