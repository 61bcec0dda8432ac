/**
 * A create that may find its object already there: what every bootstrap
 * step does, so that a control plane started again on a store that kept
 * its state (kubespec serve on etcd) neither fails nor duplicates.
 */
import { isAlreadyExists } from '../../spec/objects/status.ts';

export async function createIfAbsent(create: () => Promise<unknown>): Promise<void> {
  try {
    await create();
  } catch (e) {
    if (!isAlreadyExists(e)) throw e;
  }
}
