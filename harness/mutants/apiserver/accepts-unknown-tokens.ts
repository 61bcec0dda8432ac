import type { Mutant } from '../mutant.ts';
import { withClients } from '../wrap-reference.ts';

export const mutant: Mutant = {
  bug: 'authentication lets a request with a token it does not know through as the admin, instead of answering 401',
  swap: 'adapter',
  tags: '@apiserver.authenticates-first',
};

export default withClients('mutant', (client, as, cluster) => (as && 'token' in as ? cluster.client() : client));
