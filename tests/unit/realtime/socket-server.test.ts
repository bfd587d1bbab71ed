import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { io as connect, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import type { ClientEvent } from '../../../src/protocol';
import type { Outcome, Session, SocketAdapter } from '../../../src/server/realtime/adapter';
import { createSocketServer, type QuizServer } from '../../../src/server/realtime/io';
import { attachSocketHandlers } from '../../../src/server/realtime/socket-server';

/**
 * socket.io's side of the adapter, with an adapter whose answers the test releases by hand, so a socket can
 * close while its join is on the way [R2.8].
 */
interface Pending {
  event: ClientEvent;
  payload: unknown;
  resolve(outcome: Outcome<ClientEvent>): void;
}

let http: Server | undefined;
let io: QuizServer | undefined;
const sockets: Socket[] = [];

afterEach(async () => {
  for (const s of sockets) s.close();
  sockets.length = 0;
  await new Promise<void>((resolve) => (io ? io.close(() => resolve()) : resolve()));
  io = undefined;
  http = undefined;
});

async function setup() {
  const pending: Pending[] = [];
  const released: { session: Session; remaining: number }[] = [];
  const adapter: SocketAdapter = {
    handle: (event, payload) =>
      new Promise((resolve) => pending.push({ event, payload, resolve: resolve as Pending['resolve'] })),
    disconnected: async (session, remaining) => {
      released.push({ session: { code: session.code, playerId: session.playerId }, remaining });
    },
    // Big screens are counted for the host console [R14.7]; not what these tests look at.
    screens: async () => undefined,
  };
  http = createServer();
  io = createSocketServer(http);
  attachSocketHandlers(io, adapter, () => Date.now());
  await new Promise<void>((resolve) => http!.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  async function phone(): Promise<Socket> {
    const s = connect(url, { path: '/socket.io', transports: ['websocket'], forceNew: true, reconnection: false });
    sockets.push(s);
    await new Promise<void>((resolve) => s.once('connect', () => resolve()));
    return s;
  }
  async function next(): Promise<Pending> {
    for (let i = 0; i < 200 && pending.length === 0; i++) await new Promise((r) => setTimeout(r, 5));
    const p = pending.shift();
    if (!p) throw new Error('no request reached the adapter');
    return p;
  }
  const joined = (playerId: string) =>
    ({ ok: true, data: {}, attach: { code: 'ABCDEF', role: 'player', playerId } }) as unknown as Outcome<ClientEvent>;
  const settled = () => new Promise((r) => setTimeout(r, 100));
  return { phone, next, released, joined, settled };
}

describe('one socket, one seat [R2.8]', () => {
  it('[R2.8] a socket that closed while its join was on the way: the seat it was given is released', async () => {
    const t = await setup();
    const s = await t.phone();
    s.emit('player:join', { code: 'ABCDEF', nickname: 'Late' }, () => undefined);
    const join = await t.next();
    s.close();
    await t.settled(); // the server has seen the close, with no seat to release yet
    expect(t.released).toEqual([]);
    join.resolve(t.joined('p-late'));
    await t.settled();
    expect(t.released).toEqual([{ session: { code: 'ABCDEF', playerId: 'p-late' }, remaining: 0 }]);
  });

  it('[R2.8] two joins in flight on one socket: the first seat is released when the second is taken', async () => {
    const t = await setup();
    const s = await t.phone();
    s.emit('player:join', { code: 'ABCDEF', nickname: 'One' }, () => undefined);
    s.emit('player:join', { code: 'ABCDEF', nickname: 'Two' }, () => undefined);
    const one = await t.next();
    const two = await t.next();
    one.resolve(t.joined('p-one'));
    two.resolve(t.joined('p-two'));
    await t.settled();
    expect(t.released).toEqual([{ session: { code: 'ABCDEF', playerId: 'p-one' }, remaining: 0 }]);
    s.close();
    await t.settled();
    expect(t.released.at(-1)).toEqual({ session: { code: 'ABCDEF', playerId: 'p-two' }, remaining: 0 });
  });

  it('[R2.8] a seat another socket of the same player still holds is not released', async () => {
    const t = await setup();
    const tab1 = await t.phone();
    const tab2 = await t.phone();
    tab1.emit('player:rejoin', {}, () => undefined);
    (await t.next()).resolve(t.joined('p-ann'));
    tab2.emit('player:rejoin', {}, () => undefined);
    (await t.next()).resolve(t.joined('p-ann'));
    await t.settled();
    tab1.close();
    await t.settled();
    expect(t.released).toEqual([{ session: { code: 'ABCDEF', playerId: 'p-ann' }, remaining: 1 }]);
  });
});
