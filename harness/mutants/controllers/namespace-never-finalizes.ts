import type { Mutant } from '../mutant.ts';
import { controllerWith } from '../reference-controller-with.ts';
import { namespaceController } from '../../../reference/controllers/namespace.ts';

export const mutant: Mutant = {
  bug: 'the namespace controller empties a deleted namespace but never takes its finalizer off, so the namespace stays Terminating for ever',
  swap: 'controller:namespace',
  tags: '@component:namespace-controller',
};

export default controllerWith(namespaceController, {
  client: (c) => ({ ...c, update: (resource, body, opts) => (opts?.subresource === 'finalize' ? Promise.resolve(body) : c.update(resource, body, opts)) as never }),
});
