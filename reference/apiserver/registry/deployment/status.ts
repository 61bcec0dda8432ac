/**
 * deployments/status (deploymentStatusStrategy): the deployment controller
 * writes the status here, and with it the Deployment's annotations (the
 * `deployment.kubernetes.io/revision` it rolled out); the spec and the
 * labels stay as stored.
 */
import type { KubeObject } from '../../../../spec/objects/meta.ts';
import type { Subresource } from '../strategy.ts';

export const deploymentStatusSubresource: Subresource = {
  get: (store, namespace, name) => store.get(namespace, name),
  async update(store, namespace, name, body) {
    const current = await store.readForUpdate(namespace, name, body);
    const annotations = body.metadata?.annotations;
    const metadata = { ...current.metadata };
    if (annotations === undefined) delete metadata.annotations;
    else metadata.annotations = annotations;
    const next: KubeObject = { ...current, status: body.status, metadata };
    return store.write(namespace, name, next, current, 'status');
  },
};
