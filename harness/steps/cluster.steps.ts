/**
 * Setting up the cluster under test: its settings and users (stated before
 * it starts), its nodes, who may do what, and the faults its container
 * runtime can be made to have.
 */
import { Given, When } from '@cucumber/cucumber';
import type { DataTable } from '@cucumber/cucumber';
import type { ClusterSettings } from '../../spec/settings.ts';
import type { KubespecWorld } from '../support/world.ts';

Given('a user {string} who signs in with the token {string}', function (this: KubespecWorld, name: string, token: string) {
  this.addUser({ name, token });
});

Given('the api-server accepts anonymous requests', function (this: KubespecWorld) {
  this.configure({ anonymousAuth: true });
});

Given('the node controller checks every {duration} with a grace period of {duration}', function (this: KubespecWorld, period: number, grace: number) {
  this.configure({ nodeMonitorPeriodMs: period, nodeMonitorGracePeriodMs: grace });
});

Given('pods tolerate an unreachable node for {duration} by default', function (this: KubespecWorld, toleration: number) {
  this.configure({ defaultTolerationSeconds: toleration / 1000 });
});

Given('the scheduler records why it placed each pod', function (this: KubespecWorld) {
  this.configure({ schedulerExplain: true });
});

Given('the scheduler ranks with the {string} profile', function (this: KubespecWorld, profile: string) {
  if (profile !== 'note' && profile !== 'kubernetes') throw new Error(`Expected the "note" or "kubernetes" profile, got "${profile}"`);
  this.configure({ schedulerProfile: profile satisfies ClusterSettings['schedulerProfile'] });
});

/** `disk=ssd,zone=a`, as `kubectl label` takes them; empty or absent: none. */
function parseLabels(text: string | undefined): Record<string, string> {
  return Object.fromEntries((text ?? '').split(',').map((kv) => kv.trim()).filter(Boolean).map((kv) => kv.split('=') as [string, string]));
}

/** Columns: name, and optionally cpu, memory, pods, zone, labels (`disk=ssd,gpu=yes`). */
Given('a cluster with these nodes:', async function (this: KubespecWorld, table: DataTable) {
  if (this.lacks('node-simulation')) return 'skipped';
  const cluster = await this.startCluster();
  for (const row of table.hashes()) {
    await cluster.nodes.add({
      name: row.name!,
      ...(row.cpu ? { cpu: row.cpu } : {}),
      ...(row.memory ? { memory: row.memory } : {}),
      ...(row.pods ? { pods: Number(row.pods) } : {}),
      ...(row.zone || row.labels ? { labels: { ...(row.zone ? { 'topology.kubernetes.io/zone': row.zone } : {}), ...parseLabels(row.labels) } } : {}),
    });
  }
  return undefined;
});

When('a node {string} with {string} CPU and {string} memory joins the cluster', async function (this: KubespecWorld, name: string, cpu: string, memory: string) {
  if (this.lacks('node-simulation')) return 'skipped';
  await this.cluster.nodes.add({ name, cpu, memory });
  return undefined;
});

/** A RoleBinding in the namespace, as `kubectl create rolebinding --clusterrole=ROLE --user=USER` makes. */
Given('{string} has the cluster role {string} in namespace {string}', async function (this: KubespecWorld, user: string, role: string, namespace: string) {
  await this.client().create(
    'rolebindings',
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: `${user}-${role}`, namespace },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role },
      subjects: [{ kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: user }],
    },
    { namespace },
  );
});

Given('the image {string} cannot be pulled', function (this: KubespecWorld, image: string) {
  const fail = this.cluster.nodes.failImagePull;
  if (!fail) throw new Error(`adapter "${this.adapter.name}" cannot make pulls fail; tag the scenario @runtime-faults`);
  fail.call(this.cluster.nodes, image);
});

Given('containers of image {string} exit with code {int} soon after they start', function (this: KubespecWorld, image: string, code: number) {
  const crash = this.cluster.nodes.crashContainer;
  if (!crash) throw new Error(`adapter "${this.adapter.name}" cannot make containers exit; tag the scenario @runtime-faults`);
  crash.call(this.cluster.nodes, image, code);
});
