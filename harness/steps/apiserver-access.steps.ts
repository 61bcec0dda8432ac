/** Who a request comes from: tokens, anonymous requests, kubelets and control-plane components (A2.1, RBAC). */
import { Given, Then, When } from '@cucumber/cucumber';
import assert from 'node:assert/strict';
import type { KubespecWorld } from '../support/world.ts';
import { simplePod } from '../support/cluster-reads.ts';

Given('the api-server accepts anonymous requests', function (this: KubespecWorld) {
  if (this.hasCluster) throw new Error('Settings are part of the cluster configuration: declare them before the nodes');
  this.config.settings = { ...this.config.settings, anonymousAuth: true };
});

When('a client sending the token {string} tries to list the pods in namespace {string}', async function (this: KubespecWorld, token: string, namespace: string) {
  const mark = this.cluster.observe.storeLog?.().length;
  if (mark !== undefined) this.notes.note('storeLogMark', mark);
  await this.attempt(() => this.client({ token }).list('pods', { namespace }));
});

When('a client with no token tries to create a pod {string}', async function (this: KubespecWorld, name: string) {
  await this.attempt(() => this.client({ anonymous: true }).create('pods', simplePod(name, 'nginx:1.27'), { namespace: 'default' }));
});

/** A kubelet is the user system:node:<name> in the group system:nodes; the harness acts as it through impersonation. */
const kubelet = (world: KubespecWorld, node: string) => world.client({ user: `system:node:${node}`, groups: ['system:nodes'] });

When('the kubelet of {string} tries to update the status of node {string}', async function (this: KubespecWorld, node: string, other: string) {
  const target = await this.client().get('nodes', other);
  await this.attempt(() => kubelet(this, node).update('nodes', target, { subresource: 'status' }));
});

When('the kubelet of {string} tries to renew the lease of node {string}', async function (this: KubespecWorld, node: string, other: string) {
  const lease = await this.client().get('leases', other, { namespace: 'kube-node-lease' });
  await this.attempt(() => kubelet(this, node).update('leases', lease, { namespace: 'kube-node-lease' }));
});

When('the kubelet of {string} tries to update the status of pod {string}', async function (this: KubespecWorld, node: string, pod: string) {
  const target = await this.client().get('pods', pod, { namespace: 'default' });
  await this.attempt(() => kubelet(this, node).update('pods', target, { namespace: 'default', subresource: 'status' }));
});

When('the scheduler tries to list the secrets in namespace {string}', async function (this: KubespecWorld, namespace: string) {
  await this.attempt(() => this.client({ user: 'system:kube-scheduler' }).list('secrets', { namespace }));
});

/** The node a pod is not on, among the cluster's nodes; remembered as "the other node". */
async function otherNode(world: KubespecWorld, pod: string): Promise<string> {
  const bound = (await world.client().get<{ spec: { nodeName?: string } } & import('../../spec/objects/meta.ts').KubeObject>('pods', pod, { namespace: 'default' })).spec.nodeName;
  const other = (await world.client().list('nodes')).items.map((n) => n.metadata.name!).find((n) => n !== bound);
  if (!other) throw new Error(`Expected a node other than "${bound}"`);
  world.notes.note('otherNode', other);
  return other;
}

When('the kubelet of the other node tries to update the status of pod {string}', async function (this: KubespecWorld, pod: string) {
  const node = await otherNode(this, pod);
  const target = await this.client().get('pods', pod, { namespace: 'default' });
  await this.attempt(() => kubelet(this, node).update('pods', target, { namespace: 'default', subresource: 'status' }));
});

Then('the refusal says that node can only update pod status for pods bound to itself', function (this: KubespecWorld) {
  const node = this.notes.recall('otherNode');
  const pod = this.lastError?.status.details?.name ?? 'web';
  assert.equal(this.lastError?.status.message, `pods "${pod}" is forbidden: node "${node}" can only update pod status for pods with spec.nodeName set to itself`);
});
