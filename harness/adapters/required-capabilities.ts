/** What a scenario needs from an adapter, read from its tags. */
import { CAPABILITIES, type Capability } from '../../spec/adapter.ts';

/**
 * Behaviours whose very subject is a component the adapter may not have:
 * over HTTP the harness plays the kubelets itself (as kwok does), so a
 * scenario about the kubelet would only check the harness's own copy.
 */
const IMPLIED_BY_BEHAVIOUR: Array<[idPrefix: string, capability: Capability]> = [['kubelet.', 'kubelet']];

/** The capability tags on a scenario, plus those its behaviour ids imply. */
export function requiredCapabilities(tags: readonly string[]): Capability[] {
  const explicit = tags.filter((t): t is Capability => t in CAPABILITIES);
  const implied = IMPLIED_BY_BEHAVIOUR.filter(([prefix]) => tags.some((t) => t.startsWith(prefix))).map(([, c]) => c);
  return [...new Set([...explicit, ...implied])];
}
