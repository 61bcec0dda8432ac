import type { Mutant } from '../mutant.ts';
import type { ComponentFactory } from '../../../spec/components.ts';
import { Scheduler } from '../../../reference/scheduler/scheduler.ts';
import { dropWatchEvents } from '../client-wrappers.ts';

export const mutant: Mutant = {
  bug: "the scheduler never learns of a node's new labels, so a pod waiting for a labelled node waits for ever",
  swap: 'scheduler',
  tags: '@component:scheduler',
};

/** A node update that changes its labels never reaches the scheduler. */
const deaf: ComponentFactory = (ctx) => {
  const labels = new Map<string, string>();
  const client = dropWatchEvents(ctx.client, 'nodes', (e) => {
    if (e.type !== 'ADDED' && e.type !== 'MODIFIED') return false;
    const name = e.object.metadata.name ?? '';
    const now = JSON.stringify(e.object.metadata.labels ?? {});
    const before = labels.get(name);
    if (before === undefined) labels.set(name, now);
    return before !== undefined && before !== now;
  });
  return new Scheduler({ ...ctx, client } as unknown as ConstructorParameters<typeof Scheduler>[0]);
};
export default deaf;
