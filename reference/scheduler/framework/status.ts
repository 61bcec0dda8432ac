/**
 * A plugin's verdict, as a value rather than an exception (the framework's
 * `*Status`): a code and the reasons, in Kubernetes' stable wording, that
 * users see in `FailedScheduling` events.
 */
export type StatusCode = 'Success' | 'Unschedulable' | 'UnschedulableAndUnresolvable' | 'Error';

export interface Status {
  readonly code: StatusCode;
  readonly reasons: readonly string[];
  /** The plugin that said no, when one did. */
  readonly plugin?: string;
}

export const SUCCESS: Status = Object.freeze({ code: 'Success', reasons: Object.freeze([]) as readonly string[] });

/** The node cannot take the pod now, but could later (resources free up): Kubernetes' `Unschedulable`. */
export function unschedulable(plugin: string, ...reasons: string[]): Status {
  return { code: 'Unschedulable', reasons, plugin };
}

/** Nothing but a change to the node itself helps (a taint, a cordon): `UnschedulableAndUnresolvable`. */
export function unresolvable(plugin: string, ...reasons: string[]): Status {
  return { code: 'UnschedulableAndUnresolvable', reasons, plugin };
}

export function isSuccess(status: Status): boolean {
  return status.code === 'Success';
}
