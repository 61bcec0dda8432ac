/**
 * A kube-apiserver on a memory store and a virtual clock, with an admin
 * client and the default namespace (which the api-server makes as it
 * starts): the rig for tests of the api-server's
 * own machinery (watch cache, in-process client), without the components.
 */
import { VirtualClock } from '../runtime/clock.ts';
import { seededRandom } from '../runtime/random.ts';
import { WorkTracker } from '../runtime/work-tracker.ts';
import { StoreAccessLog } from '../store/audited-store.ts';
import { MemoryStore } from '../store/memory-store.ts';
import { TokenAuthenticator } from './authentication/authentication.ts';
import { inProcessClient } from './in-process-client.ts';
import { createKubeApiServer } from './kube-apiserver.ts';

export async function testApiServer() {
  const work = new WorkTracker();
  const clock = new VirtualClock(work);
  const authenticator = new TokenAuthenticator(new Map());
  authenticator.addToken('admin-token', { name: 'kubernetes-admin', groups: ['system:masters'] });
  const kube = createKubeApiServer({
    store: new MemoryStore(),
    accessLog: new StoreAccessLog(() => clock.now()),
    authenticator,
    clock,
    random: seededRandom(1),
    work,
    defaultTolerationSeconds: 300,
  });
  await kube.apiserver.start();
  const admin = inProcessClient(kube.apiserver, { token: 'admin-token' });
  return { ...kube, admin, settle: () => work.idle() };
}
