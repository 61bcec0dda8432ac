/**
 * The server-side printers of the workload kinds (printDeployment,
 * printReplicaSet in pkg/printers/internalversion): desired, current,
 * ready and available counts, and with `-o wide` the template's containers,
 * images and the selector.
 */
import type { KubeObject } from '../../../spec/objects/meta.ts';
import type { ReplicaSet } from '../../../spec/objects/replicaset.ts';
import { labelSelectorAsSelector } from '../../api/label-selector.ts';
import { AGE, age, col, NAME, type Printer } from './printer-columns.ts';

/** layoutContainerCells: container names and images, comma-separated. */
function containerCells(spec: ReplicaSet['spec'] | undefined): [string, string] {
  const containers = spec?.template?.spec?.containers ?? [];
  return [containers.map((c) => c.name).join(','), containers.map((c) => c.image).join(',')];
}

function selectorCell(spec: ReplicaSet['spec'] | undefined): string {
  try {
    return labelSelectorAsSelector(spec?.selector ?? {}).toString();
  } catch {
    return '<invalid>';
  }
}

const CONTAINERS = col('Containers', 'string', 'Names of each container in the template.', 1);
const IMAGES = col('Images', 'string', 'Images referenced by each container in the template.', 1);

/** `kubectl get deployments` (printDeployment): READY is ready/desired. */
export const DEPLOYMENTS: Printer = {
  columns: [
    NAME,
    col('Ready', 'string', 'Number of the pod with ready state'),
    col('Up-to-date', 'string', 'Total number of non-terminating pods targeted by this deployment that have the desired template spec.'),
    col('Available', 'string', 'Total number of available non-terminating pods (ready for at least minReadySeconds) targeted by this deployment.'),
    AGE,
    CONTAINERS,
    IMAGES,
    col('Selector', 'string', "Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment. It must match the pod template's labels.", 1),
  ],
  cells(obj, now) {
    const spec = obj.spec as ReplicaSet['spec'] | undefined;
    const status = (obj.status ?? {}) as { readyReplicas?: number; updatedReplicas?: number; availableReplicas?: number };
    return [obj.metadata.name ?? '', `${status.readyReplicas ?? 0}/${spec?.replicas ?? 0}`, status.updatedReplicas ?? 0, status.availableReplicas ?? 0, age(obj, now), ...containerCells(spec), selectorCell(spec)];
  },
};

/** `kubectl get replicasets` (printReplicaSet). */
export const REPLICASETS: Printer = {
  columns: [
    NAME,
    col('Desired', 'integer', 'Replicas is the number of desired pods. This is a pointer to distinguish between explicit zero and unspecified. Defaults to 1. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicaset'),
    col('Current', 'integer', 'Replicas is the most recently observed number of non-terminating pods. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicaset'),
    col('Ready', 'integer', 'The number of non-terminating pods targeted by this ReplicaSet with a Ready Condition.'),
    AGE,
    CONTAINERS,
    IMAGES,
    col('Selector', 'string', "Selector is a label query over pods that should match the replica count. Label keys and values that must match in order to be controlled by this replica set. It must match the pod template's labels. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors", 1),
  ],
  cells(obj, now) {
    const rs = obj as ReplicaSet & KubeObject;
    return [rs.metadata.name ?? '', rs.spec?.replicas ?? 0, rs.status?.replicas ?? 0, rs.status?.readyReplicas ?? 0, age(rs, now), ...containerCells(rs.spec), selectorCell(rs.spec)];
  },
};
