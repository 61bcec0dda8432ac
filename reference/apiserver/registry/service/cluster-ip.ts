/**
 * A Service's cluster IP, around the write (the BeginCreate and
 * AfterDelete of Kubernetes' service storage): allocated before the
 * Service is stored, given back if storing fails or once the Service is
 * deleted. A refused address is a 422 Invalid with Kubernetes' causes.
 */
import type { KubeObject } from '../../../../spec/objects/meta.ts';
import type { Service } from '../../../../spec/objects/service.ts';
import type { Random } from '../../../runtime/random.ts';
import type { Store } from '../../../store/port.ts';
import { errors } from '../../status.ts';
import { RESOURCES } from '../resources.ts';
import type { Strategy } from '../strategy.ts';
import { goStrings, invalidValue } from '../validation.ts';
import { storeAddressBook } from './ip-address-book.ts';
import { AllocationError, ServiceIPAllocator } from './ip-allocator.ts';

const SERVICES = RESOURCES.get('services')!;

/** The api-server's allocator over `serviceCIDR`, its allocations kept in the store so every api-server shares them. */
export function serviceIPAllocator(serviceCIDR: string, random: Random, store: Store): ServiceIPAllocator {
  return new ServiceIPAllocator(serviceCIDR, random, storeAddressBook(store));
}

/** needsClusterIP: headless (None) and ExternalName Services have none. */
export function needsClusterIP(svc: Service): boolean {
  return svc.spec?.type !== 'ExternalName' && svc.spec?.clusterIP !== 'None';
}

function refused(name: string, field: string, printed: string, why: string): Error {
  return errors.invalid(SERVICES, name, [invalidValue(field, printed, why)]);
}

export function clusterIPHooks(allocator: ServiceIPAllocator): Pick<Strategy, 'beginCreate' | 'afterDelete'> {
  return {
    async beginCreate(obj: KubeObject) {
      const svc = obj as unknown as Service;
      const name = svc.metadata?.name ?? '';
      if (!svc.spec || typeof svc.spec !== 'object' || !needsClusterIP(svc)) return async () => {};
      const requested = svc.spec.clusterIP || svc.spec.clusterIPs?.[0];
      const owner = `${svc.metadata?.namespace ?? ''}/${name}`;
      let allocated: string;
      try {
        if (requested) await allocator.allocate(requested, owner);
        allocated = requested || (await allocator.allocateNext(owner));
      } catch (e) {
        if (!(e instanceof AllocationError)) throw e;
        if (e.kind === 'invalid') throw refused(name, 'spec.clusterIPs[0]', JSON.stringify(requested), 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)');
        throw refused(name, 'spec.clusterIPs', goStrings(requested ? [requested] : []), `failed to allocate IP ${requested ?? ''}: ${e.message}`);
      }
      svc.spec.clusterIP = allocated;
      svc.spec.clusterIPs = [allocated];
      return async (stored) => {
        if (!stored) await allocator.release(allocated); // nothing stored, so nothing holds the address
      };
    },
    async afterDelete(obj: KubeObject) {
      const ip = (obj as unknown as Service).spec?.clusterIP;
      if (ip && ip !== 'None') await allocator.release(ip);
    },
  };
}
