/**
 * A moment as the harness can know it: on a real clock it looks every so
 * often, so it knows only that something happened between two looks. Its
 * own file, so that the scratchpad, which keeps moments, needs nothing of
 * the windows that check them (windows.ts).
 */

/** When something was seen to happen, in cluster-clock milliseconds. On a virtual clock the two are equal. */
export interface Instant {
  /** It happened after this (-Infinity when the first look already saw it). */
  readonly earliest: number;
  /** It had happened by this. */
  readonly latest: number;
}
