/**
 * A loopback port free right now, for a server started next (etcd members,
 * a control plane, an api-server a fault test restarts on the same port).
 * Another process may still take it first: callers that start a process on
 * it retry on a fresh port when it cannot bind (see etcd-members.ts).
 */
import { createServer } from 'node:net';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
