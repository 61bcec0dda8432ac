import type { Mutant } from '../mutant.ts';
import { rewriteReads } from '../client-wrappers.ts';
import { controllerWith } from '../reference-controller-with.ts';
import { disruptionController } from '../../../reference/controllers/disruption.ts';

export const mutant: Mutant = {
  bug: 'the disruption controller counts every running pod as healthy, ready or not, so a budget allows disruptions its application cannot afford',
  swap: 'controller:disruption',
  tags: '@component:disruption-controller',
};

type Conditions = { conditions?: Array<{ type: string; status: string }> };

export default controllerWith(disruptionController, {
  client: (c) => rewriteReads(c, (resource, obj) => {
    if (resource !== 'pods') return obj;
    const status = (obj.status ?? {}) as Conditions;
    const conditions = [...(status.conditions ?? []).filter((x) => x.type !== 'Ready'), { type: 'Ready', status: 'True' }];
    return { ...obj, status: { ...status, conditions } };
  }),
});
