/**
 * Allocated cluster IPs kept in the store, one key per address, as
 * Kubernetes keeps IPAddress objects (networking.k8s.io/v1) since its
 * MultiCIDRServiceAllocator: taking an address is a create-if-absent, so
 * two api-servers on one store can never hand out the same address, and
 * allocations survive an api-server restart without a repair loop.
 */
import { StoreError, type Store } from '../../../store/port.ts';
import type { AddressBook } from './ip-allocator.ts';

export const IP_ADDRESS_PREFIX = '/registry/ipaddresses/';

export function storeAddressBook(store: Store): AddressBook {
  return {
    async take(ip, owner) {
      const [namespace, name] = owner.includes('/') ? owner.split('/', 2) : ['', owner];
      const address = {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'IPAddress',
        metadata: { name: ip },
        spec: { parentRef: { group: '', resource: 'services', namespace, name } },
      };
      try {
        await store.create(IP_ADDRESS_PREFIX + ip, JSON.stringify(address));
        return true;
      } catch (e) {
        if (e instanceof StoreError && e.failure.kind === 'key-exists') return false;
        throw e;
      }
    },
    async release(ip) {
      try {
        await store.delete(IP_ADDRESS_PREFIX + ip);
      } catch (e) {
        if (!(e instanceof StoreError && e.failure.kind === 'not-found')) throw e;
      }
    },
    async has(ip) {
      return (await store.get(IP_ADDRESS_PREFIX + ip)) !== undefined;
    },
  };
}
