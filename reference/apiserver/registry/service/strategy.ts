/**
 * The Service's rules (pkg/registry/core/service/strategy.go, with the
 * cluster-IP handling of its storage.go): its defaults (protocol TCP,
 * targetPort = port, sessionAffinity None), names that are DNS labels, a
 * status written only through services/status, and a cluster IP that an
 * update may leave out (it is kept) but may not change once set. The IP
 * itself is allocated and released around the write (cluster-ip.ts).
 */
import type { KubeObject } from '../../../../spec/objects/meta.ts';
import { Service } from '../../../../spec/objects/service.ts';
import type { StatusCause } from '../../../../spec/objects/status.ts';
import { RESOURCES } from '../resources.ts';
import { genericStrategy, keepStatus, statusSubresource, type Strategy } from '../strategy.ts';
import { goStrings, invalidValue, validateLabel } from '../validation.ts';
import type { ServiceIPAllocator } from './ip-allocator.ts';
import { clusterIPHooks, needsClusterIP } from './cluster-ip.ts';

const SERVICES = RESOURCES.get('services')!;
const DEFAULT_AFFINITY_SECONDS = 10800;

/** SetDefaults_Service, for the fields this project models. */
export function defaultService(svc: Service): void {
  const spec = svc.spec;
  if (!spec || typeof spec !== 'object') return;
  spec.type ??= 'ClusterIP';
  spec.sessionAffinity ??= 'None';
  if (spec.sessionAffinity === 'ClientIP') {
    const clientIP = ((spec.sessionAffinityConfig ??= {}).clientIP ??= {});
    clientIP.timeoutSeconds ??= DEFAULT_AFFINITY_SECONDS;
  }
  for (const p of Array.isArray(spec.ports) ? spec.ports.filter((p) => typeof p === 'object' && p !== null) : []) {
    p.protocol ??= 'TCP';
    if (p.targetPort === undefined || p.targetPort === 0 || p.targetPort === '') p.targetPort = p.port;
  }
}

const clusterIPsOf = (svc: Service): string[] => svc.spec?.clusterIPs ?? (svc.spec?.clusterIP ? [svc.spec.clusterIP] : []);
const sameStrings = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * An update may leave the cluster IP out: it keeps the stored one
 * (patchAllocatedValues). clusterIP and clusterIPs are kept in step the
 * way normalizeClusterIPs divines what a client that set only one meant.
 */
function keepClusterIP(svc: Service, old: Service): void {
  const spec = svc.spec;
  if (!spec || typeof spec !== 'object' || !old.spec) return;
  if (needsClusterIP(old) && needsClusterIP(svc)) {
    spec.clusterIP ||= old.spec.clusterIP;
    if (!spec.clusterIPs?.length && old.spec.clusterIPs?.length) spec.clusterIPs = old.spec.clusterIPs;
  }
  const oldIPs = clusterIPsOf(old);
  if (oldIPs.length > 0 && !spec.clusterIPs?.length && spec.clusterIP === old.spec.clusterIP) spec.clusterIPs = oldIPs;
  // A client that changed only clusterIP meant clusterIPs too; validation then refuses the change.
  if (spec.clusterIP && spec.clusterIP !== old.spec.clusterIP && sameStrings(spec.clusterIPs ?? [], oldIPs)) spec.clusterIPs = [spec.clusterIP];
}

/** validateUpgradeDowngradeClusterIPs, single-stack: a cluster IP may not change once set, nor be unset. */
function clusterIPChanges(svc: Service, old: Service): StatusCause[] {
  if (svc.spec?.type === 'ExternalName' || old.spec?.type === 'ExternalName') return [];
  if (!needsClusterIP(svc) && !needsClusterIP(old)) return [];
  const before = clusterIPsOf(old);
  const after = svc.spec?.clusterIPs ?? [];
  if (before.length > 0 && after.length === 0) return [invalidValue('spec.clusterIPs[0]', goStrings(after), 'primary clusterIP can not be unset')];
  const changed = before.findIndex((ip, i) => i < after.length && after[i] !== ip);
  return changed < 0 ? [] : [invalidValue(`spec.clusterIPs[${changed}]`, goStrings(after), 'may not change once set')];
}

const generic = genericStrategy(SERVICES, Service, validateLabel);

/** The Service strategy, with the allocator its cluster IPs come from. */
export function serviceStrategy(allocator: ServiceIPAllocator): Strategy {
  return {
    ...generic,
    ...clusterIPHooks(allocator),
    defaults: (obj) => defaultService(obj as unknown as Service),
    // pkg/registry/core/service/storage/storage.go: ReturnDeletedObject: true.
    returnDeletedObject: true,
    prepareForCreate(obj) {
      obj.status = { loadBalancer: {} };
    },
    prepareForUpdate(obj, old) {
      keepStatus(obj, old);
      keepClusterIP(obj as unknown as Service, old as unknown as Service);
    },
    validateUpdate: (obj: KubeObject, old: KubeObject) => clusterIPChanges(obj as unknown as Service, old as unknown as Service),
    subresources: { status: statusSubresource },
  };
}
