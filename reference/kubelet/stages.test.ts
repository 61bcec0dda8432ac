import assert from 'node:assert/strict';
import { test } from 'node:test';
import { STAGE_STATE, TRANSITIONS, transition, type StageName } from './stages.ts';

test('every stage the table leads to has a status, and every stage but the end states can be left', () => {
  const stages = Object.keys(STAGE_STATE) as StageName[];
  for (const t of TRANSITIONS) assert.ok(stages.includes(t.to) && stages.includes(t.from));
  for (const s of stages.filter((s) => s !== 'Exited')) assert.ok(TRANSITIONS.some((t) => t.from === s), `${s} is a dead end`);
});

test('a failed pull goes ErrImagePull, then ImagePullBackOff, then pulls again', () => {
  assert.equal(transition('Pulling', 'pull-failed')?.to, 'ErrImagePull');
  assert.equal(transition('ErrImagePull', 'in-back-off')?.to, 'ImagePullBackOff');
  assert.equal(transition('ImagePullBackOff', 'back-off-over')?.to, 'Pulling');
  assert.equal(transition('Exited', 'stay-stopped'), undefined, 'restartPolicy Never leaves it where it is');
});

test('the statuses in Kubernetes\' words', () => {
  const ctx = { image: 'busybox:1.36', container: 'app', pod: 'web_default(u1)', backOffSeconds: 20, exitCode: 1, message: 'not found' };
  assert.deepEqual(STAGE_STATE.CrashLoopBackOff(ctx), { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 20s restarting failed container=app pod=web_default(u1)' } });
  assert.deepEqual(STAGE_STATE.ImagePullBackOff(ctx), { waiting: { reason: 'ImagePullBackOff', message: 'Back-off pulling image "busybox:1.36"' } });
  assert.equal(STAGE_STATE.Exited(ctx).terminated?.reason, 'Error');
  assert.equal(STAGE_STATE.Exited({ ...ctx, exitCode: 0 }).terminated?.reason, 'Completed');
});
