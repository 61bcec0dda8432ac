/**
 * Runs a guide the way a reader would: each ```ts block whose first line is
 * `// <file>` is written to that file, and each ```sh block's commands run
 * in order in the reader's project. A command ending in `&` runs in the
 * background until the guide ends (it must write the file its
 * `--kubeconfig` names before the next command runs); one ending in
 * `# exits N` must exit N, any other must exit 0. `npm install ... kubespec`
 * installs the packed tarball instead of the registry's.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

interface Block {
  lang: string;
  body: string;
}

export function guideBlocks(markdown: string): Block[] {
  return [...markdown.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map((m) => ({ lang: m[1]!, body: m[2]! }));
}

const waitFor = async (file: string, ms: number) => {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 200))) if (existsSync(file)) return;
  throw new Error(`${file} did not appear within ${ms} ms`);
};

export async function runGuide(guide: string, cwd: string, tarball: string): Promise<void> {
  const background: ChildProcess[] = [];
  try {
    for (const block of guideBlocks(readFileSync(guide, 'utf8'))) {
      if (block.lang === 'ts') {
        const file = /^\/\/ (\S+)\n/.exec(block.body)?.[1];
        if (file) writeFileSync(path.join(cwd, file), block.body);
        continue;
      }
      if (block.lang !== 'sh') continue;
      for (const raw of block.body.split('\n')) {
        const line = raw.trim();
        if (!line || line.startsWith('#')) continue;
        const expected = Number(/#\s*exits (\d+)\s*$/.exec(line)?.[1] ?? 0);
        let command = line.replace(/\s*#.*$/, '');
        if (/^npm install\b.*\bkubespec$/.test(command)) command = command.replace(/kubespec$/, tarball);
        if (command.endsWith('&')) {
          const argv = command.slice(0, -1).trim().split(/\s+/);
          // Its own process group, so that stopping it stops what npx started under it too.
          const child = spawn(argv[0]!, argv.slice(1), { cwd, stdio: 'ignore', detached: true });
          background.push(child);
          const kubeconfig = /--kubeconfig\s+(\S+)/.exec(command)?.[1];
          if (kubeconfig) await waitFor(path.join(cwd, kubeconfig), 60_000);
          continue;
        }
        const r = spawnSync('sh', ['-c', command], { cwd, encoding: 'utf8', timeout: 300_000, env: { ...process.env, CI: 'true' } });
        assert.equal(r.status, expected, `\`${command}\` exited ${r.status}, the guide says ${expected}:\n${r.stdout}${r.stderr}`);
      }
    }
  } finally {
    for (const child of background) if (child.pid) process.kill(-child.pid, 'SIGTERM');
  }
}
