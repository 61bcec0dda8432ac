/**
 * The kubectl tests' shorthand for a session whose server is started later
 * (in `before`): `run` and `ok` of a KubectlSession (kubectl-session.ts)
 * against whatever server the getter gives when the command runs.
 */
import type { ServeProcess } from './serve-process.ts';
import { KubectlSession, type KubectlResult } from './kubectl-session.ts';

export { columns, type KubectlResult } from './kubectl-session.ts';

export interface KubectlRunner {
  /** Runs `kubectl ARGS`, whatever its exit code. */
  run(...args: string[]): KubectlResult;
  /** Runs `kubectl ARGS` and fails the test unless it exits 0; answers what it printed. */
  ok(...args: string[]): string;
}

export function kubectlRunner(kubectl: string, server: () => ServeProcess): KubectlRunner {
  const session = new KubectlSession(kubectl, server);
  return { run: (...args) => session.run(...args), ok: (...args) => session.ok(...args) };
}
