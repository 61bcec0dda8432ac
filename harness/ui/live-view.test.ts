/**
 * The live view of `kubespec serve`, in a real browser (Debian's Chromium
 * driven by playwright-core): it signs in and lists the nodes; a pod
 * created through the API appears and turns Running on the node the
 * scheduler chose; a Service's rules on every node; the controls add a
 * node and make an image fail; a silenced node turns Unknown and its pods
 * count down to their eviction; a viewer cannot use the controls, and the server
 * refuses them with a Status 403 when asked anyway. Each state is
 * photographed into reports/ui/. Without Chromium every test is reported
 * as skipped, with the reason.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { parse as parseYaml } from 'yaml';
import { overlaps, type Box } from '../../reference/ui/timeline/label-layout.ts';
import { ROOT, startServe, type ServeProcess } from '../kubectl/serve-process.ts';
import { findChromium, startChromium, type RunningChromium } from './chromium.ts';

const chromiumPath = findChromium();
const skip = chromiumPath ? false : 'no chromium: apt-get install chromium (.ci/run installs it) or set KUBESPEC_CHROMIUM';
const SHOTS = path.join(ROOT, 'reports/ui');
const WAIT = { timeout: 30_000 };

describe('the live view in Chromium', () => {
  let server: ServeProcess;
  let chromium: RunningChromium;
  let admin: { token: string; ca: string };
  let viewerToken: string;
  let uiUrl: string;
  let page: Page;
  let context: BrowserContext;

  before(async () => {
    if (!chromiumPath) return;
    rmSync(SHOTS, { recursive: true, force: true });
    mkdirSync(SHOTS, { recursive: true });
    server = await startServe(['--nodes', '2', '--time-scale', '0.1']);
    const kubeconfig = parseYaml(readFileSync(server.kubeconfig, 'utf8')) as { users: Array<{ user: { token: string } }>; clusters: Array<{ cluster: { 'certificate-authority-data': string } }> };
    admin = { token: kubeconfig.users[0]!.user.token, ca: Buffer.from(kubeconfig.clusters[0]!.cluster['certificate-authority-data'], 'base64').toString() };
    viewerToken = /read-only viewer token (\S+)/.exec(server.output())![1]!;
    uiUrl = /the live view is at (\S+)/.exec(server.output())![1]!;
    chromium = await startChromium(chromiumPath);
    context = await chromium.browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
  });
  after(async () => {
    if (!chromiumPath) return;
    await chromium?.stop();
    const code = await server?.stop();
    assert.equal(code, 0, `kubespec serve did not stop cleanly:\n${server?.output()}`);
  });

  /** A request to the API as the admin, as any client would send it. */
  function api(method: string, apiPath: string, body?: unknown): Promise<{ code: number; body: any }> {
    const text = body === undefined ? undefined : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = request(new URL(apiPath, server.url), { method, ca: admin.ca, headers: { Authorization: `Bearer ${admin.token}`, ...(text ? { 'Content-Type': 'application/json' } : {}) } }, (res) => {
        let data = '';
        res.on('data', (d) => (data += d));
        res.on('end', () => resolve({ code: res.statusCode ?? 0, body: data ? JSON.parse(data) : undefined }));
      });
      req.on('error', reject);
      req.end(text);
    });
  }

  async function signIn(p: Page, token: string): Promise<void> {
    await p.goto(uiUrl);
    await p.getByLabel('Token').fill(token);
    await p.getByRole('button', { name: 'Sign in' }).click();
    await p.locator('[data-testid=connection]').filter({ hasText: 'live' }).waitFor(WAIT);
  }

  /** A picture of one part of the page, whole even where it is taller than the window. */
  async function shoot(p: Page, selector: string, file: string): Promise<void> {
    await p.evaluate(() => window.scrollTo(0, 0)); // the sticky section bar stays at the top of the picture
    const box = (await p.locator(selector).boundingBox())!;
    await p.screenshot({ path: path.join(SHOTS, file), fullPage: true, clip: box });
  }

  const nodeCard = (p: Page, name: string) => p.locator(`article.node[data-node="${name}"]`);
  const podRow = (p: Page, key: string) => p.locator(`table.pods tr[data-pod="${key}"]`);

  it('refuses to sign in without a valid token, with the server\'s Status', { skip }, async () => {
    await page.goto(uiUrl);
    await page.getByLabel('Token').fill('not-a-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'Unauthorized (401)' }).waitFor(WAIT);
    assert.equal(await page.locator('article.node').count(), 0);
  });

  it('signs in with the admin token and lists the nodes, Ready, with their Lease renewal ticking', { skip }, async () => {
    await signIn(page, admin.token);
    for (const name of ['worker-1', 'worker-2']) {
      await nodeCard(page, name).locator('[data-testid=ready]').filter({ hasText: 'Ready=True' }).waitFor(WAIT);
      assert.match(await nodeCard(page, name).locator('[data-testid=lease-age]').innerText(), /^\d+(\.\d)? s ago$/);
    }
    const first = await nodeCard(page, 'worker-1').locator('[data-testid=lease-age]').innerText();
    await page.waitForFunction((before) => document.querySelector('article.node[data-node="worker-1"] [data-testid=lease-age]')?.textContent !== before, first, WAIT);
    await page.screenshot({ path: path.join(SHOTS, 'nodes.png') });
  });

  it('shows a pod created through the API turn Running on the node the scheduler chose, with its path and the scheduler\'s explanation', { skip }, async () => {
    const created = await api('POST', '/api/v1/namespaces/default/pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web' }, spec: { containers: [{ name: 'web', image: 'nginx:1.27', resources: { requests: { cpu: '500m', memory: '256Mi' } } }] } });
    assert.equal(created.code, 201, JSON.stringify(created.body));
    const row = podRow(page, 'default/web');
    await row.locator('[data-testid=status]').filter({ hasText: /^Running$/ }).waitFor(WAIT);
    const stored = await api('GET', '/api/v1/namespaces/default/pods/web');
    assert.equal(await row.locator('[data-testid=node]').innerText(), stored.body.spec.nodeName);

    // Selected from the keyboard: the pod's name is a button.
    await row.getByRole('button', { name: 'web' }).focus();
    await page.keyboard.press('Enter');
    const detail = page.locator('[data-testid=pod-detail]');
    await detail.locator('li[data-step=reported].done').waitFor(WAIT);
    assert.deepEqual(await detail.locator('ol.path > li').evaluateAll((lis) => lis.map((li) => `${li.getAttribute('data-step')}:${li.className}`)), ['created:done', 'scheduled:done', 'bound:done', 'started:done', 'reported:done']);
    assert.match(await detail.locator('li[data-step=scheduled]').innerText(), new RegExp(`Successfully assigned default/web to ${stored.body.spec.nodeName}`));
    await detail.locator('[data-testid=explanation] tr.chosen').waitFor(WAIT);
    assert.equal(await detail.locator('[data-testid=explanation] tr.chosen').getAttribute('data-node'), stored.body.spec.nodeName);
    await shoot(page, '#pods', 'pod-running.png');
  });

  it('runs a ReplicaSet from the controls and shows each node\'s kube-proxy rules for its Service, half the connections to each pod', { skip }, async () => {
    const form = page.locator('form[aria-labelledby=run-title]');
    await form.getByLabel('Name').fill('shop');
    await form.getByLabel('ReplicaSet replicas').fill('2');
    await form.getByRole('button', { name: 'Run' }).click();
    await page.locator('[data-testid=message]').filter({ hasText: 'ReplicaSet shop created with 2 replica(s)' }).waitFor(WAIT);
    const svc = await api('POST', '/api/v1/namespaces/default/services', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'shop' }, spec: { selector: { app: 'shop' }, ports: [{ port: 80, targetPort: 8080 }] } });
    assert.equal(svc.code, 201, JSON.stringify(svc.body));
    const card = page.locator('article.service[data-service="default/shop"]');
    await card.getByText(svc.body.spec.clusterIP).first().waitFor(WAIT);
    for (const node of ['worker-1', 'worker-2']) {
      await page.waitForFunction((n) => [...document.querySelectorAll(`article.service[data-service="default/shop"] tr[data-node="${n}"] [data-testid=share]`)].map((td) => td.textContent).join() === '50.0 %,50.0 %', node, WAIT);
    }
    await shoot(page, '#services', 'services.png');
  });

  it('adds a node and makes an image fail from the controls; a pod of that image stops at the kubelet', { skip }, async () => {
    const add = page.locator('form[aria-labelledby=add-title]');
    await add.getByRole('button', { name: 'Add node' }).click();
    await nodeCard(page, 'worker-3').locator('[data-testid=ready]').filter({ hasText: 'Ready=True' }).waitFor(WAIT);
    const fail = page.locator('form[aria-labelledby=fail-title]');
    await fail.getByLabel('Image').fill('nginx:broken');
    await fail.getByRole('button', { name: 'Make it fail' }).click();
    await page.locator('[data-testid=message]').filter({ hasText: 'pulls of nginx:broken now fail' }).waitFor(WAIT);
    const run = page.locator('form[aria-labelledby=run-title]');
    await run.getByLabel('Name').fill('broken');
    await run.getByLabel('Image').fill('nginx:broken');
    await run.getByLabel('ReplicaSet replicas').fill('0');
    await run.getByRole('button', { name: 'Run' }).click();
    await podRow(page, 'default/broken').locator('[data-testid=status]').filter({ hasText: /^(ErrImagePull|ImagePullBackOff)$/ }).waitFor(WAIT);
    await podRow(page, 'default/broken').getByRole('button', { name: 'broken' }).click();
    await page.locator('[data-testid=pod-detail] li[data-step=started].failed').waitFor(WAIT);
    await shoot(page, '#pods', 'image-fails.png');
    assert.equal((await api('DELETE', '/api/v1/namespaces/default/pods/broken?gracePeriodSeconds=0')).code, 200);
    await podRow(page, 'default/web').getByRole('button', { name: 'web' }).click();
  });

  it('turns a silenced node Unknown, taints it, and counts its pods down to eviction', { skip }, async () => {
    const stored = await api('GET', '/api/v1/namespaces/default/pods/web');
    const node: string = stored.body.spec.nodeName;
    // Reached from the keyboard: Tab until the node's Silence button has the focus, then Enter.
    await page.locator('body').focus();
    let focused = '';
    for (let i = 0; i < 80 && focused !== `Silence ${node}`; i++) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '');
    }
    assert.equal(focused, `Silence ${node}`, 'the Silence button cannot be reached with Tab');
    await page.keyboard.press('Enter');

    await nodeCard(page, node).locator('[data-testid=ready]').filter({ hasText: 'Ready=Unknown' }).waitFor(WAIT);
    await nodeCard(page, node).locator('[data-testid=taint]').filter({ hasText: 'node.kubernetes.io/unreachable:NoExecute' }).waitFor(WAIT);
    await podRow(page, 'default/web').locator('[data-testid=countdown]').filter({ hasText: /^evicted in \d+(\.\d)? s$/ }).waitFor(WAIT);
    const clock = page.locator(`article.clock[data-node="${node}"]`);
    await clock.locator('tr[data-pod="default/web"] [data-testid=countdown]').filter({ hasText: /^evicted in/ }).waitFor(WAIT);
    assert.match(await clock.locator('tr[data-pod="default/web"]').innerText(), /3 s \(the default\)|30 s \(the default\)/);

    // The shared timeline drawing, measured with the browser's own fonts: no label covers another or leaves the picture.
    const boxes = await clock.locator('svg').evaluate((svg) => {
      const frame = (svg as SVGSVGElement).viewBox.baseVal;
      return { frame: { x: 0, y: 0, width: frame.width, height: frame.height }, texts: [...svg.querySelectorAll('text')].map((t) => ({ text: t.textContent ?? '', ...(() => { const b = (t as SVGTextElement).getBBox(); return { x: b.x, y: b.y, width: b.width, height: b.height }; })() })) };
    });
    assert.ok(boxes.texts.some((t) => t.text.includes('evict web')), `the countdown is not drawn: ${boxes.texts.map((t) => t.text).join(' | ')}`);
    const inFrame = (b: Box) => b.x >= -0.5 && b.y >= -0.5 && b.x + b.width <= boxes.frame.width + 0.5 && b.y + b.height <= boxes.frame.height + 0.5;
    for (const [i, a] of boxes.texts.entries()) {
      assert.ok(inFrame(a), `"${a.text}" leaves the picture: ${JSON.stringify(a)}`);
      for (const b of boxes.texts.slice(i + 1)) assert.ok(!overlaps(a, b), `"${a.text}" covers "${b.text}"`);
    }
    await shoot(page, '#clock', 'silent-node.png');
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(SHOTS, 'overview.png') });
  });

  it('shows a viewer the cluster read-only, and the server refuses the controls with a Status 403', { skip }, async () => {
    const viewerContext = await chromium.browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1280, height: 800 } });
    const viewer = await viewerContext.newPage();
    await signIn(viewer, viewerToken);
    await viewer.locator('[data-testid=read-only]').waitFor(WAIT);
    await nodeCard(viewer, 'worker-1').waitFor(WAIT);
    await viewer.locator('[data-testid=no-controls]').waitFor(WAIT);
    assert.equal(await viewer.getByRole('button', { name: /^(Silence|Resume|Add node|Run|Make it fail|Delete)/ }).count(), 0, 'a viewer is offered a control');
    const refused = await viewer.evaluate(async (token) => {
      const res = await fetch('/ui/api/nodes/worker-1/silence', { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
      return { code: res.status, body: await res.json() };
    }, viewerToken);
    assert.deepEqual([refused.code, refused.body.kind, refused.body.reason, refused.body.message], [403, 'Status', 'Forbidden', 'simulatednodes.kubespec.dev "worker-1" is forbidden: User "kubespec-viewer" cannot create resource "simulatednodes/silence" in API group "kubespec.dev" at the cluster scope']);
    await viewer.screenshot({ path: path.join(SHOTS, 'viewer.png') });
    await viewerContext.close();
  });

  it('fits a phone-sized window without sideways scrolling of the page', { skip }, async () => {
    const phoneContext = await chromium.browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    const phone = await phoneContext.newPage();
    await signIn(phone, admin.token);
    await nodeCard(phone, 'worker-1').waitFor(WAIT);
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page is ${overflow} px wider than the window`);
    await phone.locator('#nodes').scrollIntoViewIfNeeded();
    await phone.screenshot({ path: path.join(SHOTS, 'phone.png') });
    await phoneContext.close();
  });
});
