/** Which setting becomes which flag of the real control plane, and that a restart is asked for exactly when a flag would change. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { NOTE_DEFAULTS, resolveSettings, type ClusterSettings } from '../../../spec/settings.ts';
import {
  apiServerArgs,
  CONTROL_PLANE_SETTINGS,
  controllerManagerArgs,
  controlPlaneSettings,
  etcdArgs,
  schedulerArgs,
  schedulerConfiguration,
  type ControlPlaneFiles,
  type ControlPlanePorts,
} from './component-flags.ts';

const files: ControlPlaneFiles = {
  caCert: '/w/ca.crt',
  servingCert: '/w/serving.crt',
  servingKey: '/w/serving.key',
  serviceAccountKey: '/w/sa.key',
  serviceAccountPublicKey: '/w/sa.pub',
  tokenFile: '/w/tokens.csv',
  controllerManagerKubeconfig: '/w/cm.kubeconfig',
  schedulerKubeconfig: '/w/scheduler.kubeconfig',
  schedulerConfig: '/w/scheduler.yaml',
  etcdData: '/w/etcd',
  flexVolumeDir: '/w/flexvolume',
};
const ports: ControlPlanePorts = { etcdClient: 2379, etcdPeer: 2380, apiserver: 6443, controllerManager: 10257, scheduler: 10259 };

/** Everything the processes are started with, for one set of settings. */
function everything(settings: ClusterSettings): string {
  const s = controlPlaneSettings(settings);
  return JSON.stringify([etcdArgs(files, ports), apiServerArgs(s, files, ports), controllerManagerArgs(s, files, ports), schedulerArgs(files, ports), schedulerConfiguration(s, files.schedulerKubeconfig)]);
}

/** A different value of the same type as the setting's default. */
function otherValue(key: keyof ClusterSettings): fc.Arbitrary<unknown> {
  const example = NOTE_DEFAULTS[key];
  if (key === 'schedulerProfile') return fc.constant(example === 'note' ? 'kubernetes' : 'note');
  if (typeof example === 'boolean') return fc.constant(!example);
  if (typeof example === 'number') return fc.integer({ min: 1, max: 10_000_000 }).filter((n) => n !== example);
  return fc.ipV4().map((ip) => `${ip}/24`).filter((v) => v !== example);
}

describe('the real control plane is started with flags from the settings', () => {
  const flags = (settings: Partial<ClusterSettings>) => {
    const s = controlPlaneSettings(resolveSettings(settings));
    return [...apiServerArgs(s, files, ports), ...controllerManagerArgs(s, files, ports)];
  };

  it('gives the node controller its period and grace period as Go durations', () => {
    const args = flags({ nodeMonitorPeriodMs: 1000, nodeMonitorGracePeriodMs: 4000, nodeStartupGracePeriodMs: 6000 });
    assert.ok(args.includes('--node-monitor-period=1000ms'));
    assert.ok(args.includes('--node-monitor-grace-period=4000ms'));
    assert.ok(args.includes('--node-startup-grace-period=6000ms'));
  });

  it('makes DefaultTolerationSeconds add the same seconds for not-ready and unreachable nodes', () => {
    const args = flags({ defaultTolerationSeconds: 10 });
    assert.ok(args.includes('--default-not-ready-toleration-seconds=10'));
    assert.ok(args.includes('--default-unreachable-toleration-seconds=10'));
    assert.ok(args.includes('--enable-admission-plugins=NodeRestriction,DefaultTolerationSeconds'));
    assert.ok(args.includes('--authorization-mode=Node,RBAC'));
  });

  it('runs every controller as system:kube-controller-manager, with leader election off', () => {
    const args = flags({});
    assert.ok(args.includes('--use-service-account-credentials=false'));
    assert.ok(args.includes('--leader-elect=false'));
  });

  it("ranks with LeastAllocated only in the note's profile, and with kube-scheduler's default profile otherwise", () => {
    const note = schedulerConfiguration(controlPlaneSettings(resolveSettings({ schedulerProfile: 'note' })), 'k') as { profiles: Array<Record<string, unknown>> };
    assert.deepEqual(note.profiles[0]!.plugins, { score: { disabled: [{ name: '*' }], enabled: [{ name: 'NodeResourcesFit', weight: 1 }] } });
    assert.deepEqual(note.profiles[0]!.pluginConfig, [
      { name: 'NodeResourcesFit', args: { scoringStrategy: { type: 'LeastAllocated', resources: [{ name: 'cpu', weight: 1 }, { name: 'memory', weight: 1 }] } } },
    ]);
    const kubernetes = schedulerConfiguration(controlPlaneSettings(resolveSettings({ schedulerProfile: 'kubernetes' })), 'k') as { profiles: unknown[] };
    assert.deepEqual(kubernetes.profiles, [{ schedulerName: 'default-scheduler' }]);
  });

  it('leaves percentageOfNodesToScore to kube-scheduler when the setting asks for the adaptive share', () => {
    const config = (p: number) => schedulerConfiguration(controlPlaneSettings(resolveSettings({ percentageOfNodesToScore: p })), 'k') as Record<string, unknown>;
    assert.equal(config(0).percentageOfNodesToScore, undefined);
    assert.equal(config(30).percentageOfNodesToScore, 30);
  });

  it('changes some flag for every control-plane setting, so a change to one restarts the control plane', () => {
    for (const key of CONTROL_PLANE_SETTINGS) {
      fc.assert(
        fc.property(otherValue(key), (value) => {
          assert.notEqual(everything({ ...NOTE_DEFAULTS, [key]: value }), everything(NOTE_DEFAULTS), key);
        }),
        { numRuns: 20 },
      );
    }
  });

  it('changes no flag for any other setting, so the running control plane is kept', () => {
    const others = (Object.keys(NOTE_DEFAULTS) as Array<keyof ClusterSettings>).filter((k) => !(CONTROL_PLANE_SETTINGS as readonly string[]).includes(k));
    assert.ok(others.includes('nodeStatusUpdatePeriodMs'), 'kubelet settings go to the simulated nodes');
    for (const key of others) {
      fc.assert(
        fc.property(otherValue(key), (value) => {
          assert.equal(everything({ ...NOTE_DEFAULTS, [key]: value }), everything(NOTE_DEFAULTS), key);
        }),
        { numRuns: 20 },
      );
    }
  });
});
