/**
 * What the api-server's Service storage adds to plain storage: defaults
 * (protocol TCP, targetPort = port, sessionAffinity None), a cluster IP
 * allocated before the Service is stored and given back if storing fails
 * or when the Service is deleted, and a cluster IP that never changes once
 * set. Refusals are 422 Invalid with Kubernetes' causes.
 */
import type { KubeObject } from '../../../spec/objects/meta.ts';
import type { Service } from '../../../spec/objects/service.ts';
import type { StatusCause } from '../../../spec/objects/status.ts';
import type { Random } from '../../runtime/random.ts';
import type { Store } from '../../store/port.ts';
import type { MutatingAdmissionPlugin } from '../admission/admission.ts';
import { storeAddressBook } from './ip-address-book.ts';
import { RESOURCES } from './resources.ts';
import { AllocationError, ServiceIPAllocator } from './service-ip-allocator.ts';
import { errors } from '../status.ts';

/** Around a create and a delete of one resource, as a registry's BeginCreate / AfterDelete hooks. */
export interface ResourceHooks {
  create(body: KubeObject, store: (body: KubeObject) => Promise<KubeObject>): Promise<KubeObject>;
  delete(remove: () => Promise<KubeObject>): Promise<KubeObject>;
}

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
  for (const p of Array.isArray(spec.ports) ? spec.ports : []) {
    p.protocol ??= 'TCP';
    if (p.targetPort === undefined || p.targetPort === 0 || p.targetPort === '') p.targetPort = p.port;
  }
}

const goStrings = (ips: string[]) => `[]string{${ips.map((ip) => JSON.stringify(ip)).join(', ')}}`;

function invalid(name: string, field: string, message: string): Error {
  const cause: StatusCause = { type: 'FieldValueInvalid', field, message };
  return errors.invalid(SERVICES, name, [cause]);
}

/** Does this Service get a cluster IP at all? Headless (None) and ExternalName Services do not. */
function wantsClusterIP(svc: Service): boolean {
  return svc.spec?.type !== 'ExternalName' && svc.spec?.clusterIP !== 'None';
}

export function serviceHooks(allocator: ServiceIPAllocator): ResourceHooks {
  return {
    async create(body, store) {
      const svc = structuredClone(body) as unknown as Service;
      defaultService(svc);
      const name = svc.metadata?.name ?? '';
      let allocated: string | undefined;
      if (svc.spec && wantsClusterIP(svc)) {
        const requested = svc.spec.clusterIP || svc.spec.clusterIPs?.[0];
        const owner = `${svc.metadata?.namespace ?? ''}/${name}`;
        try {
          if (requested) await allocator.allocate(requested, owner);
          allocated = requested || (await allocator.allocateNext(owner));
        } catch (e) {
          if (!(e instanceof AllocationError)) throw e;
          if (e.kind === 'invalid') throw invalid(name, 'spec.clusterIPs[0]', `Invalid value: ${JSON.stringify(requested)}: must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)`);
          const ip = requested ?? '';
          throw invalid(name, 'spec.clusterIPs', `Invalid value: ${goStrings(requested ? [requested] : [])}: failed to allocate IP ${ip}: ${e.message}`);
        }
        svc.spec.clusterIP = allocated;
        svc.spec.clusterIPs = [allocated];
      }
      try {
        return await store(svc as unknown as KubeObject);
      } catch (e) {
        if (allocated) await allocator.release(allocated); // nothing stored, so nothing holds the address
        throw e;
      }
    },
    async delete(remove) {
      const gone = (await remove()) as unknown as Service;
      if (gone.spec?.clusterIP && gone.spec.clusterIP !== 'None') await allocator.release(gone.spec.clusterIP);
      return gone as unknown as KubeObject;
    },
  };
}

/** On update: the same defaults, a cluster IP the client left out is kept, and one it changed is refused. */
export const serviceUpdateDefaults: MutatingAdmissionPlugin = {
  name: 'ServiceClusterIPImmutable',
  async admit(req) {
    if (req.resource.resource !== 'services' || req.operation !== 'UPDATE' || req.subresource || !req.object || !req.oldObject) return;
    const svc = req.object as unknown as Service;
    const old = req.oldObject as unknown as Service;
    defaultService(svc);
    if (!svc.spec || !old.spec?.clusterIP) return;
    if (!svc.spec.clusterIP) {
      svc.spec.clusterIP = old.spec.clusterIP;
      svc.spec.clusterIPs = old.spec.clusterIPs ?? [old.spec.clusterIP];
    } else if (svc.spec.clusterIP !== old.spec.clusterIP) {
      throw invalid(req.name, 'spec.clusterIPs[0]', `Invalid value: ${goStrings([svc.spec.clusterIP])}: may not change once set`);
    }
  },
};

/**
 * Everything the api-server needs for Services, to wire in one place: the
 * allocator over `serviceCIDR` with its allocations kept in the store (so
 * every api-server of a control plane shares them and a restart keeps
 * them), the storage hooks, and the update plugin.
 */
export function serviceStorage(serviceCIDR: string, random: Random, store: Store) {
  const allocator = new ServiceIPAllocator(serviceCIDR, random, storeAddressBook(store));
  return { allocator, hooks: serviceHooks(allocator), admission: serviceUpdateDefaults };
}
