/**
 * The ReplicaSet's rules (pkg/registry/apps/replicaset/strategy.go): its
 * status is written only through replicasets/status, so an update of the
 * ReplicaSet keeps it.
 */
import { ReplicaSet } from '../../../../spec/objects/replicaset.ts';
import { RESOURCES } from '../resources.ts';
import { genericStrategy, keepStatus, statusSubresource, type Strategy } from '../strategy.ts';

export const replicaSetStrategy: Strategy = {
  ...genericStrategy(RESOURCES.get('replicasets')!, ReplicaSet),
  prepareForUpdate: keepStatus,
  subresources: { status: statusSubresource },
};
