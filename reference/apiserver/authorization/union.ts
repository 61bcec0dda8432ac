/**
 * Kubernetes' union authorizer
 * (staging/src/k8s.io/apiserver/pkg/authorization/union/union.go): asks each
 * authorizer in turn; the first to allow wins. When none does, the reasons
 * they gave are joined with newlines, each prefixed with its authorizer's
 * name, `node: can only access node lease with the same name as the
 * requesting node`. The names are kube-apiserver's
 * (pkg/kubeapiserver/authorizer/reload.go): the --authorization-mode entry
 * in lower case (pkg/kubeapiserver/authorizer/config.go), after
 * `kubernetes.io/system-privileged-group`, which always goes first.
 */
import type { Authorizer } from './authorization.ts';

export interface NamedAuthorizer {
  readonly name: string;
  readonly authorizer: Authorizer;
}

export function unionAuthorizer(...chain: NamedAuthorizer[]): Authorizer {
  return {
    async authorize(attrs) {
      const reasons: string[] = [];
      for (const { name, authorizer } of chain) {
        const d = await authorizer.authorize(attrs);
        if (d.allowed) return d;
        if (d.reason) reasons.push(`${name}: ${d.reason}`);
      }
      return reasons.length ? { allowed: false, reason: reasons.join('\n') } : { allowed: false };
    },
  };
}
