/** How the page writes times, ages and countdowns. */

/** `4.2 s` under ten seconds, `45 s` under two minutes, then kubectl's `3m20s`, `2h5m`. */
export function formatAge(ms: number): string {
  const s = Math.max(0, ms) / 1000;
  if (s < 10) return `${s.toFixed(1)} s`;
  if (s < 120) return `${Math.floor(s)} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${Math.floor(s % 60)}s`;
  return `${Math.floor(m / 60)}h${m % 60}m`;
}

/** The time of day of an RFC 3339 timestamp, in UTC as the API writes it: `12:00:05`. */
export const timeOfDay = (iso: string | undefined) => (iso && iso.length >= 19 ? iso.slice(11, 19) : '');

export const parseTime = (iso: string | undefined) => (iso ? Date.parse(iso) : NaN);

/** A short interval between two sightings: `35 ms` under a second, else as formatAge. */
export const formatDelta = (ms: number) => (ms < 1000 ? `${Math.max(0, Math.round(ms))} ms` : formatAge(ms));
