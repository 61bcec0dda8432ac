/** The kubelet as the API server sees it: its Lease renewals survive losing a race to one of its own. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ApiClient } from '../../spec/adapter.ts';
import type { KubeObject } from '../../spec/objects/meta.ts';
import { StatusError } from '../../spec/objects/status.ts';
import { ReferenceCluster } from '../cluster.ts';
import { Kubelet } from './kubelet.ts';
import { kubeletConfig } from './kubelet-config.ts';
import { SimulatedRuntime } from './runtime.ts';

const conflict = (name: string) =>
  new StatusError({
    apiVersion: 'v1', kind: 'Status', metadata: {}, status: 'Failure', code: 409, reason: 'Conflict',
    message: `Operation cannot be fulfilled on leases.coordination.k8s.io "${name}": the object has been modified; please apply your changes to the latest version and try again`,
  });

/** A client whose next Lease update loses to a write made meanwhile, as when two renewals overlap. */
function losingOneLeaseUpdate(client: ApiClient): { client: ApiClient; lost: () => boolean } {
  let armed = true;
  const wrapped = new Proxy(client, {
    get(target, prop) {
      if (prop === 'update') {
        return async (resource: string, body: KubeObject, opts?: object) => {
          if (resource === 'leases' && armed) {
            armed = false;
            throw conflict(body.metadata.name ?? '');
          }
          return target.update(resource, body, opts);
        };
      }
      const value = Reflect.get(target, prop) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { client: wrapped, lost: () => !armed };
}

test('a Lease renewal that loses a race to another renewal is no error: the next one goes through', async () => {
  const cluster = await new ReferenceCluster({}).start();
  try {
    const { client, lost } = losingOneLeaseUpdate(cluster.client({ user: 'system:node:worker-9', groups: ['system:nodes'] }));
    const kubelet = new Kubelet(kubeletConfig({ name: 'worker-9' }, cluster.settings, 9), { client, clock: cluster.clock, work: cluster.work, runtime: new SimulatedRuntime('worker-9') });
    await kubelet.start();
    const renewTime = async () => ((await cluster.client().get<KubeObject & { spec: { renewTime: string } }>('leases', 'worker-9', { namespace: 'kube-node-lease' })).spec.renewTime);
    const first = await renewTime();
    await cluster.clock.advance!(cluster.settings.nodeLeaseRenewPeriodMs);
    assert.ok(lost(), 'the renewal was made to lose');
    assert.equal(await renewTime(), first);
    await cluster.clock.advance!(cluster.settings.nodeLeaseRenewPeriodMs);
    assert.notEqual(await renewTime(), first);
    assert.deepEqual(cluster.work.errors, []);
    kubelet.stop();
  } finally {
    await cluster.stop();
  }
});

/** A client whose next read of its Node is followed, before the kubelet writes, by a taint an administrator adds. */
function taintedAfterRead(client: ApiClient, taint: () => Promise<void>): { client: ApiClient; tainted: () => boolean; arm: () => void } {
  let armed = false;
  let done = false;
  const wrapped = new Proxy(client, {
    get(target, prop) {
      if (prop === 'get') {
        return async (resource: string, name: string, opts?: object) => {
          const read = await target.get(resource, name, opts);
          if (resource === 'nodes' && armed && !done) {
            done = true;
            await taint();
          }
          return read;
        };
      }
      const value = Reflect.get(target, prop) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { client: wrapped, tainted: () => done, arm: () => (armed = true) };
}

test('a heartbeat sent while an administrator taints the node is accepted, and the taint stays', async () => {
  const cluster = await new ReferenceCluster({}).start();
  try {
    const admin = cluster.client();
    const taint = async () => {
      const node = await admin.get<KubeObject & { spec: { taints?: object[] } }>('nodes', 'worker-9');
      await admin.update('nodes', { ...node, spec: { ...node.spec, taints: [{ key: 'example.com/maintenance', effect: 'NoSchedule' }] } });
    };
    const spy = taintedAfterRead(cluster.client({ user: 'system:node:worker-9', groups: ['system:nodes'] }), taint);
    const kubelet = new Kubelet(kubeletConfig({ name: 'worker-9' }, cluster.settings, 9), { client: spy.client, clock: cluster.clock, work: cluster.work, runtime: new SimulatedRuntime('worker-9') });
    await kubelet.start();
    spy.arm();
    const heartbeat = async () => {
      const node = await admin.get<KubeObject & { status: { conditions: Array<{ type: string; lastHeartbeatTime: string }> } }>('nodes', 'worker-9');
      return node.status.conditions.find((c) => c.type === 'Ready')!.lastHeartbeatTime;
    };
    const before = await heartbeat();
    await cluster.clock.advance!(cluster.settings.nodeStatusUpdatePeriodMs);
    assert.ok(spy.tainted(), 'the node was tainted between the kubelet reading it and writing its status');
    assert.deepEqual(cluster.work.errors, []);
    assert.notEqual(await heartbeat(), before);
    const node = await admin.get<KubeObject & { spec: { taints?: Array<{ key: string }> } }>('nodes', 'worker-9');
    assert.deepEqual(node.spec.taints?.map((t) => t.key), ['example.com/maintenance']);
    kubelet.stop();
  } finally {
    await cluster.stop();
  }
});
