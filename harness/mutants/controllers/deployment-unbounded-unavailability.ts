import type { Mutant } from '../mutant.ts';
import { rewriteReads } from '../client-wrappers.ts';
import { controllerWith } from '../reference-controller-with.ts';
import { deploymentController } from '../../../reference/controllers/deployment.ts';
import type { KubeObject } from '../../../spec/objects/meta.ts';

export const mutant: Mutant = {
  bug: 'the deployment controller takes maxUnavailable as 100 %, so a rolling update scales the old ReplicaSet down before any new pod is available',
  swap: 'controller:deployment',
  tags: '@deployments.rolling-update-within-bounds or @deployments.one-replicaset-per-template',
};

/** Every RollingUpdate Deployment the controller reads lets all its pods be unavailable. */
function unbounded(resource: string, obj: KubeObject): KubeObject {
  const spec = obj.spec as { strategy?: { type?: string; rollingUpdate?: object } } | undefined;
  if (resource !== 'deployments' || spec?.strategy?.type !== 'RollingUpdate') return obj;
  return { ...obj, spec: { ...spec, strategy: { ...spec.strategy, rollingUpdate: { ...spec.strategy.rollingUpdate, maxUnavailable: '100%' } } } } as KubeObject;
}

export default controllerWith(deploymentController, { client: (c) => rewriteReads(c, unbounded) });
