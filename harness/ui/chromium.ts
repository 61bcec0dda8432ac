/**
 * Debian's Chromium, driven by playwright-core, for the live view's tests
 * (Playwright's own browser download is not reachable here). Launched as
 * a browser server so the test knows its process and can stop it by PID
 * even when it no longer answers.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserServer } from 'playwright-core';

/** $KUBESPEC_CHROMIUM, or Debian's /usr/bin/chromium; undefined when neither exists. */
export function findChromium(): string | undefined {
  return [process.env.KUBESPEC_CHROMIUM, '/usr/bin/chromium'].find((c): c is string => Boolean(c) && existsSync(c!));
}

/** Flags that let Chromium run headless as root on a machine with no network beyond loopback. */
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

export interface RunningChromium {
  browser: Browser;
  pid: number | undefined;
  stop(): Promise<void>;
}

export async function startChromium(executablePath: string): Promise<RunningChromium> {
  const server: BrowserServer = await chromium.launchServer({ executablePath, headless: true, args: FLAGS });
  const pid = server.process().pid;
  const browser = await chromium.connect(server.wsEndpoint());
  return {
    browser,
    pid,
    async stop() {
      await browser.close().catch(() => undefined);
      await server.close().catch(() => undefined);
      // If it did not go, it goes now.
      if (pid !== undefined && isAlive(pid)) process.kill(pid, 'SIGKILL');
    },
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
