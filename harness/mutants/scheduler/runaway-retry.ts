import type { Mutant } from '../mutant.ts';
import type { ComponentFactory } from '../../../spec/components.ts';
import { schedulerWith } from '../reference-scheduler-with.ts';

export const mutant: Mutant = { bug: 'a pod that fits nowhere is retried at once, forever: the scheduler never rests', swap: 'scheduler', tags: '@scheduler.watches-for-unbound-pods' };

/** The reference scheduler, plus a retry loop that re-reads every pending pod without pause. */
const runaway: ComponentFactory = (ctx) => {
  const inner = schedulerWith((p) => p)(ctx);
  let stopped = false;
  const spin = async (): Promise<void> => {
    while (!stopped) {
      const pending = (await ctx.client.list('pods')).items.filter((p) => !(p.spec as { nodeName?: string })?.nodeName);
      if (!pending.length) await new Promise((r) => setTimeout(r, 5));
    }
  };
  return {
    start: async () => {
      await inner.start();
      ctx.work.spawn(spin);
    },
    stop: () => {
      stopped = true;
      inner.stop();
    },
  };
};
export default runaway;
