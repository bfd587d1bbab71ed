import { createServer, connect as tcpConnect, type Server, type Socket } from 'node:net';

/**
 * A TCP balancer in front of several server processes, as a load balancer would be in production: each new
 * connection goes to a process that accepts it, trying the next one when a process is down. `first`: always the
 * first live process in order (the failover test steers everyone to one owner); `spread`: in turn, so players and
 * rooms land on every process (the two-process soak). Connections already open stay where they are; when their
 * process dies they close and the clients reconnect through the balancer to a live one.
 */
export interface Balancer {
  port: number;
  close(): Promise<void>;
}

export function startBalancer(ports: () => number[], order: 'first' | 'spread' = 'first'): Promise<Balancer> {
  let turn = 0;
  const server: Server = createServer((client) => {
    client.pause();
    const list = ports();
    const start = order === 'spread' ? turn++ % Math.max(1, list.length) : 0;
    const tryNext = (tried: number) => {
      const port = list[(start + tried) % list.length];
      if (tried >= list.length || port === undefined) {
        client.destroy();
        return;
      }
      const up: Socket = tcpConnect(port, '127.0.0.1');
      let open = false;
      up.once('connect', () => {
        open = true;
        client.pipe(up);
        up.pipe(client);
        client.resume();
      });
      up.on('error', () => {
        if (!open) tryNext(tried + 1);
      });
      up.on('close', () => client.destroy());
      client.on('close', () => up.destroy());
      client.on('error', () => up.destroy());
    };
    tryNext(0);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        port: (server.address() as { port: number }).port,
        close: () => new Promise<void>((done) => server.close(() => done())),
      }),
    ),
  );
}
