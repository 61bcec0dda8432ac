import type { Mutant } from '../mutant.ts';
import { referenceAdapter } from '../../adapters/reference.ts';
import { bent } from '../wrap-reference.ts';
import type { Adapter } from '../../../spec/adapter.ts';

export const mutant: Mutant = {
  bug: 'the api-server answers a write before the store has committed it, so a write the store then refuses was acknowledged anyway',
  swap: 'adapter',
  tags: '@store.write-acknowledged-after-commit',
};

/** The store never gets to refuse: the fault the scenario injects is swallowed, and the write is answered as if committed. */
const adapter: Adapter = {
  ...referenceAdapter,
  name: 'mutant',
  async start(config) {
    const cluster = await referenceAdapter.start(config);
    return bent(cluster, { storeFaults: { failNextCommits: () => {} } });
  },
};
export default adapter;
