import type { Mutant } from '../mutant.ts';
import type { KubeObject } from '../../../spec/objects/meta.ts';
import { withClients } from '../wrap-reference.ts';

export const mutant: Mutant = {
  bug: "the api-server hands out its own counter as resourceVersion rather than the store's revision",
  swap: 'adapter',
  tags: '@store.keeps-cluster-state or @store.write-acknowledged-after-commit',
};

let counter = 0;
const invent = <T extends KubeObject>(o: T): T => ({ ...o, metadata: { ...o.metadata, resourceVersion: String(++counter * 7) } });
export default withClients('mutant', (client) => ({
  ...client,
  get: async (...a) => invent(await client.get(...a)) as never,
  create: async (...a) => invent(await client.create(...a)) as never,
}));
