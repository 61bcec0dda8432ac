/** The control plane's processes end when asked, and also when the harness itself dies. */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { describe, it } from 'node:test';
import { ProcessGroup } from './processes.ts';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function until(check: () => boolean, ms = 10_000): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}

describe('the processes of a real control plane', () => {
  it('are stopped by PID, last started first, with their output in their log', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kubespec-processes-test-'));
    const group = new ProcessGroup(dir);
    const log = path.join(dir, 'out.log');
    const first = group.start('first', '/bin/sh', ['-c', 'echo first started; exec sleep 300'], log);
    const second = group.start('second', '/bin/sh', ['-c', "trap 'echo second stopping; exit 0' TERM; echo second started; while :; do sleep 0.1; done"], log);
    assert.ok(await until(() => readFileSync(log, 'utf8').includes('second started')));
    await group.stop();
    assert.equal(alive(first.pid), false);
    assert.equal(alive(second.pid), false);
    assert.ok(first.hasExited && second.hasExited);
    // Seen failing once in a while under load (a timing flake not yet understood): the log's text says which part was missing.
    const text = readFileSync(log, 'utf8');
    assert.match(text, /=== .* \/bin\/sh -c echo first started[\s\S]*first started[\s\S]*second stopping/, `the log was:\n${text}`);
    rmSync(dir, { recursive: true, force: true });
  });

  it('are stopped by the watchdog, and their folder removed, when the harness is killed', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kubespec-processes-test-'));
    const harness = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        `import { ProcessGroup } from ${JSON.stringify(path.resolve(import.meta.dirname, 'processes.ts'))};
         const group = new ProcessGroup(${JSON.stringify(dir)});
         const p = group.start('sleeper', '/bin/sleep', ['300'], ${JSON.stringify(path.join(dir, 'sleeper.log'))});
         console.log(p.pid);
         setInterval(() => {}, 1000);`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const pid = Number(await new Promise<string>((resolve) => createInterface({ input: harness.stdout! }).once('line', resolve)));
    assert.ok(alive(pid), 'the sleeper runs while the harness does');
    harness.kill('SIGKILL');
    assert.ok(await until(() => !alive(pid)), `process ${pid} outlived the harness`);
    assert.ok(await until(() => !existsSync(dir)), `${dir} was left behind`);
  });
});
