import type { Mutant } from '../mutant.ts';
import type { ApiClient } from '../../../spec/adapter.ts';
import { isStatusError } from '../../../spec/objects/status.ts';
import { withClients } from '../wrap-reference.ts';

export const mutant: Mutant = {
  bug: 'authorization lets every authenticated user get and list anything, whatever RBAC grants',
  swap: 'adapter',
  tags: '@component:apiserver',
};

const forbidden = (e: unknown) => isStatusError(e) && e.status.code === 403;

export default withClients('mutant', (client, as, cluster) => {
  const admin = cluster.client();
  if (!as || 'anonymous' in as) return client;
  const bentClient: ApiClient = {
    ...client,
    get: (...a) => client.get(...a).catch((e: unknown) => (forbidden(e) ? admin.get(...a) : Promise.reject(e))) as never,
    list: (...a) => client.list(...a).catch((e: unknown) => (forbidden(e) ? admin.list(...a) : Promise.reject(e))) as never,
  };
  return bentClient;
});
