/**
 * The Namespace's rules (pkg/registry/core/namespace/strategy.go): names
 * are DNS labels, a new namespace is Active whatever the client sent, and
 * its status is written only through namespaces/status.
 */
import { Namespace } from '../../../../spec/objects/namespace.ts';
import { RESOURCES } from '../resources.ts';
import { genericStrategy, keepStatus, statusSubresource, type Strategy } from '../strategy.ts';
import { validateLabel } from '../validation.ts';

export const namespaceStrategy: Strategy = {
  ...genericStrategy(RESOURCES.get('namespaces')!, Namespace, validateLabel),
  prepareForCreate(obj) {
    obj.status = { phase: 'Active' };
  },
  prepareForUpdate: keepStatus,
  subresources: { status: statusSubresource },
};
