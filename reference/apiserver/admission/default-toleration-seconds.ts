/**
 * DefaultTolerationSeconds (plugin/pkg/admission/defaulttolerationseconds):
 * every pod that does not already tolerate them gets tolerations for the
 * not-ready and unreachable NoExecute taints, for 300 s by default. This is
 * where the note's "5 more minutes" (C6) comes from in real Kubernetes.
 */
import type { Pod, Toleration } from '../../../spec/objects/pod.ts';
import type { MutatingAdmissionPlugin } from './admission.ts';

export const NOT_READY_TAINT = 'node.kubernetes.io/not-ready';
export const UNREACHABLE_TAINT = 'node.kubernetes.io/unreachable';

function tolerates(tolerations: Toleration[], key: string): boolean {
  return tolerations.some(
    (t) => (t.key === key || (!t.key && t.operator === 'Exists')) && (!t.effect || t.effect === 'NoExecute'),
  );
}

export function defaultTolerationSeconds(seconds: number): MutatingAdmissionPlugin {
  return {
    name: 'DefaultTolerationSeconds',
    async admit(req) {
      if (req.resource.resource !== 'pods' || req.subresource || req.operation !== 'CREATE' || !req.object) return;
      const pod = req.object as unknown as Pod;
      if (typeof pod.spec !== 'object' || pod.spec === null || (pod.spec.tolerations !== undefined && !Array.isArray(pod.spec.tolerations))) return; // validation refuses it
      const tolerations = (pod.spec.tolerations ??= []);
      for (const key of [NOT_READY_TAINT, UNREACHABLE_TAINT]) {
        if (!tolerates(tolerations, key)) tolerations.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: seconds });
      }
    },
  };
}
