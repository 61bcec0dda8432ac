/**
 * The one api-server process a fault run started (kubespec serve or
 * kube-apiserver), held so that only it is ever signalled, by its own
 * handle, and so that it does not outlive this process if the run dies
 * without stopping it.
 */
import type { ChildProcess } from 'node:child_process';

export class OwnChild {
  private child: ChildProcess | undefined;

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Takes a freshly spawned process as the one to signal. */
  adopt(child: ChildProcess): void {
    this.child = child;
    process.once('exit', this.orphan);
  }

  /** Whether `child` is still the one held: an exit of one let go (signalled) is not a crash. */
  holds(child: ChildProcess): boolean {
    return this.child === child;
  }

  /** Lets the process go and sends it `signal`; resolves once it has ended. */
  async signal(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    this.child = undefined;
    process.removeListener('exit', this.orphan);
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill(signal);
    });
  }

  private readonly orphan = () => {
    if (this.child && this.child.exitCode === null) this.child.kill('SIGKILL');
  };
}
