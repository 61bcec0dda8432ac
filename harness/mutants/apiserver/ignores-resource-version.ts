import type { Mutant } from '../mutant.ts';
import { withClients } from '../wrap-reference.ts';

export const mutant: Mutant = {
  bug: 'the api-server ignores the resourceVersion an update carries, so a stale update overwrites a newer one instead of getting 409 Conflict',
  swap: 'adapter',
  tags: '@component:apiserver',
};

export default withClients('mutant', (client) => ({
  ...client,
  update: (resource, body, opts) => {
    const { resourceVersion: _ignored, ...metadata } = body.metadata;
    return client.update(resource, { ...body, metadata }, opts);
  },
}));
