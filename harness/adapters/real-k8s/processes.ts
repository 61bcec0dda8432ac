/**
 * The processes of one real control plane: each started with its output
 * appended to a log file and stopped by its PID (SIGTERM, then SIGKILL
 * after a grace), in reverse order of start.
 *
 * A watchdog backs this up: a small bash process that reads "+PID EXE" and
 * "-PID" lines on its stdin. When the harness process ends by any path,
 * even SIGKILL, that pipe closes, and the watchdog stops the PIDs still
 * listed (each only if /proc still shows the same executable, so a reused
 * PID is never hit) and removes the control plane's working folder.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, realpathSync, writeSync } from 'node:fs';
import type { Socket } from 'node:net';

const STOP_GRACE_MS = 10_000;

const WATCHDOG = `
declare -A exe
while read -r op pid path; do
  if [ "$op" = "+" ]; then exe[$pid]="$path"; else unset "exe[$pid]"; fi
done
same() { [ "$(readlink "/proc/$1/exe" 2>/dev/null)" = "\${exe[$1]}" ]; }
for p in "\${!exe[@]}"; do same "$p" && kill -TERM "$p" 2>/dev/null; done
for i in $(seq 1 50); do
  left=0; for p in "\${!exe[@]}"; do same "$p" && left=1; done
  [ "$left" = 0 ] && break; sleep 0.2
done
for p in "\${!exe[@]}"; do same "$p" && kill -KILL "$p" 2>/dev/null; done
[ -n "$1" ] && rm -rf -- "$1"
exit 0
`;

export class ManagedProcess {
  private readonly exited: Promise<number | null>;
  private exitCode: number | null | undefined;

  constructor(
    readonly name: string,
    private readonly child: ChildProcess,
  ) {
    this.exited = new Promise((resolve) =>
      child.once('exit', (code) => {
        this.exitCode = code; // null when a signal ended it
        resolve(code);
      }),
    );
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** True once the process has ended, for readiness checks to give up early. */
  get hasExited(): boolean {
    return this.exitCode !== undefined;
  }

  /** SIGTERM, then SIGKILL if it is still running after the grace; resolves when it has ended. */
  async stop(): Promise<void> {
    if (this.hasExited) return;
    this.child.ref();
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), STOP_GRACE_MS);
    await this.exited;
    clearTimeout(timer);
  }

  /** For an exit handler: no waiting is possible there. */
  killNow(): void {
    if (!this.hasExited) this.child.kill('SIGTERM');
  }
}

export class ProcessGroup {
  private readonly processes: ManagedProcess[] = [];
  private readonly watchdog: ChildProcess;

  /** `workDir` is removed by the watchdog if the harness ends without stopping the group. */
  constructor(workDir: string) {
    this.watchdog = spawn('bash', ['-c', WATCHDOG, 'kubespec-real-k8s-watchdog', workDir], { stdio: ['pipe', 'ignore', 'ignore'], detached: true });
    // Neither the watchdog nor the control plane keeps the harness alive once its work is done.
    this.watchdog.unref();
    (this.watchdog.stdin as unknown as Socket).unref();
  }

  /** Starts `bin` with its stdout and stderr appended to `logFile`. */
  start(name: string, bin: string, args: string[], logFile: string): ManagedProcess {
    const log = openSync(logFile, 'a');
    writeSync(log, `\n=== ${new Date().toISOString()} ${bin} ${args.join(' ')}\n`);
    const child = spawn(bin, args, { stdio: ['ignore', log, log] });
    closeSync(log);
    if (child.pid === undefined) throw new Error(`could not start ${name} (${bin})`);
    child.unref();
    // /proc/PID/exe names the file with every symlink resolved.
    this.watchdog.stdin!.write(`+ ${child.pid} ${realpathSync(bin)}\n`);
    const p = new ManagedProcess(name, child);
    this.processes.push(p);
    return p;
  }

  /** Stops every process, last started first, then lets the watchdog go. */
  async stop(): Promise<void> {
    for (const p of [...this.processes].reverse()) {
      await p.stop();
      this.watchdog.stdin!.write(`- ${p.pid}\n`);
    }
    this.processes.length = 0;
    this.watchdog.stdin!.end();
  }

  /** For an exit handler: signal everything at once; the watchdog finishes the job. */
  killNow(): void {
    for (const p of this.processes) p.killNow();
  }
}
