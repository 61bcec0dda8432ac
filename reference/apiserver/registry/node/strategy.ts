/**
 * The Node's rules (pkg/registry/core/node/strategy.go): a node registers
 * with its status (the kubelet creates it), and afterwards its status is
 * written only through nodes/status, so an update of the Node keeps it.
 */
import { Node } from '../../../../spec/objects/node.ts';
import { RESOURCES } from '../resources.ts';
import { genericStrategy, keepStatus, statusSubresource, type Strategy } from '../strategy.ts';

export const nodeStrategy: Strategy = {
  ...genericStrategy(RESOURCES.get('nodes')!, Node),
  prepareForUpdate: keepStatus,
  subresources: { status: statusSubresource },
};
