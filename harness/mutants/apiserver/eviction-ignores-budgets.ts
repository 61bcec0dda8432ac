import type { Mutant } from '../mutant.ts';
import type { ApiClient } from '../../../spec/adapter.ts';
import type { KubeObject } from '../../../spec/objects/meta.ts';
import { withClients } from '../wrap-reference.ts';

export const mutant: Mutant = {
  bug: 'the api-server carries out an eviction as a plain delete, without asking the disruption budget',
  swap: 'adapter',
  tags: '@component:apiserver and (@component:disruption-controller or @component:node-lifecycle-controller)',
};

const SUCCESS = { apiVersion: 'v1', kind: 'Status', metadata: {}, status: 'Success', code: 201 } as unknown as KubeObject;

export default withClients('mutant', (client) => {
  const bentClient: ApiClient = {
    ...client,
    create: async (resource, body, opts = {}) => {
      if (resource !== 'pods' || opts.subresource !== 'eviction') return client.create(resource, body, opts);
      await client.delete('pods', opts.name ?? '', opts.namespace ? { namespace: opts.namespace } : {});
      return SUCCESS as never;
    },
  };
  return bentClient;
});
