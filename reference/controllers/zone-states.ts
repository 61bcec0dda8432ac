/**
 * Zone disruption (pkg/controller/nodelifecycle ComputeZoneState and
 * setLimiterInZone): how many of a zone's nodes are not Ready decides how
 * fast the controller may taint its nodes NoExecute.
 */
import type { Condition } from '../../spec/objects/meta.ts';
import type { Node } from '../../spec/objects/node.ts';

export type ZoneState = 'Initial' | 'Normal' | 'FullDisruption' | 'PartialDisruption';

export const ZONE_LABEL = 'topology.kubernetes.io/zone';
export const REGION_LABEL = 'topology.kubernetes.io/region';

/** Nodes with neither label share the zone "" (GetZoneKey). */
export function zoneKey(node: Node): string {
  const labels = node.metadata.labels ?? {};
  const region = labels[REGION_LABEL] ?? '';
  const zone = labels[ZONE_LABEL] ?? '';
  return region === '' && zone === '' ? '' : `${region}:\x00:${zone}`;
}

/** A zone where no node is Ready is fully disrupted; one with more than 2 and at least `threshold` not Ready, partially. */
export function computeZoneState(readyConditions: Array<Condition | undefined>, unhealthyThreshold: number): { notReady: number; state: ZoneState } {
  const ready = readyConditions.filter((c) => c?.status === 'True').length;
  const notReady = readyConditions.length - ready;
  if (ready === 0 && notReady > 0) return { notReady, state: 'FullDisruption' };
  if (notReady > 2 && notReady / (notReady + ready) >= unhealthyThreshold) return { notReady, state: 'PartialDisruption' };
  return { notReady, state: 'Normal' };
}

export interface EvictionRates {
  nodeEvictionRate: number;
  secondaryNodeEvictionRate: number;
  largeClusterSizeThreshold: number;
}

/** The NoExecute tainting rate of a zone in a state (a fully disrupted zone keeps the normal rate unless every zone is down). */
export function zoneRate(state: ZoneState, zoneSize: number, rates: EvictionRates): number {
  if (state === 'PartialDisruption') return zoneSize > rates.largeClusterSizeThreshold ? rates.secondaryNodeEvictionRate : 0;
  return rates.nodeEvictionRate;
}
