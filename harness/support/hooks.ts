/**
 * Scenario lifecycle: load the adapter, skip (never pass) what it cannot
 * do, draw the timeline of node-lifecycle scenarios, and after each
 * scenario stop the cluster and fail on any error a component hit that no
 * step asserted.
 */
import { After, AfterStep, Before, BeforeAll, setDefaultTimeout, Status } from '@cucumber/cucumber';
import { CAPABILITIES } from '../../spec/adapter.ts';
import { requiredCapabilities } from '../adapters/required-capabilities.ts';
import { renderTimeline } from '../../reference/ui/timeline/svg.ts';
import { recordTimeline } from './timeline.ts';
import { theAdapter, type KubespecWorld } from './world.ts';

setDefaultTimeout(Number(process.env.KUBESPEC_STEP_TIMEOUT_MS ?? 60_000));

BeforeAll(async function () {
  await theAdapter();
});

Before(async function (this: KubespecWorld, { pickle }) {
  this.adapter = await theAdapter();
  const missing = requiredCapabilities(pickle.tags.map((t) => t.name.slice(1))).filter((c) => !this.adapter.capabilities.has(c));
  if (!missing.length) return undefined;
  this.log(`skipped: adapter "${this.adapter.name}" lacks ${missing.map((m) => `${m} (${CAPABILITIES[m]})`).join(', ')}`);
  return 'skipped';
});

After(async function (this: KubespecWorld, { result }) {
  if (!this.hasCluster) return;
  const errors = this.cluster.observe.unexpectedErrors?.() ?? [];
  await this.stopCluster();
  if (result?.status === Status.PASSED && errors.length) {
    const first = errors[0];
    throw new Error(`${errors.length} unexpected error(s) in the cluster, first: ${first instanceof Error ? first.stack ?? first.message : String(first)}`);
  }
});

// Recording starts as soon as a step has started the cluster.
AfterStep({ tags: '@component:node-lifecycle-controller or @component:taint-eviction-controller' }, async function (this: KubespecWorld) {
  if (this.hasCluster) await recordTimeline(this);
});

// Declared after the hook that stops the cluster, so it runs first (cucumber runs After hooks in
// reverse order): the timeline's watches end while the cluster still serves them.
After(async function (this: KubespecWorld) {
  const recorder = this.timeline;
  if (!recorder) return;
  recorder.stop();
  this.attach(renderTimeline(recorder.snapshot()), 'image/svg+xml');
});
