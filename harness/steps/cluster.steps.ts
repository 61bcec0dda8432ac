/** Setting up the cluster under test: its nodes, its users, its settings. */
import { Given } from '@cucumber/cucumber';
import type { DataTable } from '@cucumber/cucumber';
import type { KubespecWorld } from '../support/world.ts';

Given('a cluster with these nodes:', async function (this: KubespecWorld, table: DataTable) {
  if (this.lacks('node-simulation')) return 'skipped';
  const cluster = await this.startCluster();
  for (const row of table.hashes()) {
    await cluster.nodes.add({
      name: row.name!,
      ...(row.cpu ? { cpu: row.cpu } : {}),
      ...(row.memory ? { memory: row.memory } : {}),
      ...(row.pods ? { pods: Number(row.pods) } : {}),
      ...(row.zone ? { labels: { 'topology.kubernetes.io/zone': row.zone } } : {}),
    });
  }
  return undefined;
});

Given('a user {string} who signs in with the token {string}', async function (this: KubespecWorld, name: string, token: string) {
  if (this.hasCluster) throw new Error('Users are part of the cluster configuration: declare them before the nodes');
  this.config.users.push({ name, token });
});
