/**
 * intstr.IntOrString as counts of pods: `2` is two pods, `"50%"` half of
 * some total (k8s.io/apimachinery/pkg/util/intstr). A disruption budget's
 * minAvailable and maxUnavailable are read this way.
 */
import type { IntOrString } from '../../spec/objects/intstr.ts';

const PERCENT = /^[0-9]+%$/;

/** Whether the value is a percentage string such as "25%" (validation.IsValidPercent). */
export const isPercent = (value: IntOrString): value is string => typeof value === 'string' && PERCENT.test(value);

/**
 * GetScaledValueFromIntOrPercent: an integer as it is; a percentage of
 * `total`, rounded up or down. Throws for a string that is no percentage,
 * with Kubernetes' message.
 * Example: ("50%", 3, roundUp) -> 2; ("50%", 3, down) -> 1; (2, 10, any) -> 2.
 */
export function scaledValue(value: IntOrString, total: number, roundUp: boolean): number {
  if (typeof value === 'number') return value;
  if (!isPercent(value)) throw new Error(`invalid value for IntOrString: invalid type: string is not a percentage`);
  const scaled = (Number(value.slice(0, -1)) * total) / 100;
  return roundUp ? Math.ceil(scaled) : Math.floor(scaled);
}
