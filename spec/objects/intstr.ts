/** intstr.IntOrString: a count (`1`) or a percentage (`"25%"`), as budgets and rollouts express how many pods. */
import { Type, type Static } from '@sinclair/typebox';

export const IntOrString = Type.Union([Type.Integer(), Type.String()]);
export type IntOrString = Static<typeof IntOrString>;
