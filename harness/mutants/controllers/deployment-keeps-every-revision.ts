import type { Mutant } from '../mutant.ts';
import { rewriteReads } from '../client-wrappers.ts';
import { controllerWith } from '../reference-controller-with.ts';
import { deploymentController } from '../../../reference/controllers/deployment.ts';
import type { KubeObject } from '../../../spec/objects/meta.ts';

export const mutant: Mutant = {
  bug: 'the deployment controller ignores revisionHistoryLimit and keeps every old ReplicaSet',
  swap: 'controller:deployment',
  tags: '@deployments.keeps-revision-history or @deployments.rollback-is-a-new-revision',
};

function unlimited(resource: string, obj: KubeObject): KubeObject {
  if (resource !== 'deployments') return obj;
  return { ...obj, spec: { ...(obj.spec as object), revisionHistoryLimit: 2 ** 31 - 1 } } as KubeObject;
}

export default controllerWith(deploymentController, { client: (c) => rewriteReads(c, unlimited) });
