import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect, createServer as createNetServer, type Server as NetServer } from 'node:net';

/**
 * Ports this process's test servers were handed. The rate governor and endpoint health are kept per
 * endpoint URL, so a server on a port an earlier test used would inherit that test's state: a server
 * never gets a port handed out before in the same process.
 */
const handedPorts = new Set<number>();

/** Listen on 127.0.0.1 on a port no other server of this process was handed; returns the port. */
export async function listenOnFreshPort(server: Server): Promise<number> {
  const spares: NetServer[] = [];
  try {
    for (;;) {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => {
          server.off('error', reject);
          resolve();
        });
      });
      const port = (server.address() as AddressInfo).port;
      if (!handedPorts.has(port)) {
        handedPorts.add(port);
        return port;
      }
      // Hold the used port with a spare listener (so the next try gets another), and try again.
      await new Promise<void>((resolve) => server.close(() => resolve()));
      const spare = createNetServer();
      await new Promise<void>((resolve, reject) => spare.once('error', reject).listen(port, '127.0.0.1', () => resolve()));
      spares.push(spare);
    }
  } finally {
    await Promise.all(spares.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  }
}

/**
 * Privileged ports: never handed out by listen(0) (the ephemeral range starts far above), here or in
 * another process; none of them on fetch's list of bad ports (1, 7, 9...), which fetch refuses to try.
 */
const UNREACHABLE_CANDIDATES = [2, 4, 6, 8, 10, 12, 14, 16, 18];

/** A base URL where nothing listens (connection refused): a privileged port no test server can be handed. */
export async function unreachableURL(): Promise<string> {
  for (const port of UNREACHABLE_CANDIDATES) {
    const refused = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(false);
      });
      socket.once('error', (err: NodeJS.ErrnoException) => resolve(err.code === 'ECONNREFUSED'));
    });
    if (refused) return `http://127.0.0.1:${port}/v1`;
  }
  throw new Error(`something listens on every one of the ports ${UNREACHABLE_CANDIDATES.join(', ')} of 127.0.0.1`);
}

/**
 * A base URL where nothing listens, on a port of this process's own (handed out, then closed): for a test that
 * later listens there itself. The privileged ports of unreachableURL are shared by every test of every process,
 * and one listening on them makes another's "connection refused" answer.
 */
export async function closedPortURL(): Promise<string> {
  const holder = createNetServer();
  const port = await listenOnFreshPort(holder as unknown as Server);
  await new Promise<void>((resolve) => holder.close(() => resolve()));
  return `http://127.0.0.1:${port}/v1`;
}
