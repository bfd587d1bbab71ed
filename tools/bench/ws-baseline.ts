import { performance } from 'node:perf_hooks';
import * as wsModule from 'ws';
import { WebSocketServer } from 'ws';

/** ws's frame builder (`Sender.frame`, documented public in ws/lib/sender.js; a named export of ws's ESM entry). */
const Sender = (
  wsModule as unknown as { Sender: { frame(data: Buffer, options: Record<string, unknown>): unknown } }
).Sender;
import type { FromBaseline, ToBaseline } from './messages';

/**
 * The practical limit to compare with: a bare `ws` server (no socket.io, no game) in its own process that
 * broadcasts a payload to every connected socket in one loop, the way any hand-written server would. Same
 * machine, same loopback, same payload bytes, same client processes as the Quizroom run.
 *
 * Protocol with clients: a text message `ping <t>` is answered with `pong <t> <serverNow>` (clock offset);
 * anything else from clients is ignored. Driven by the coordinator over IPC (see messages.ts).
 */

const now = () => performance.timeOrigin + performance.now();

function reply(m: FromBaseline): void {
  process.send?.(m);
}

const port = Number(process.env.BASELINE_PORT ?? '0');
const wss = new WebSocketServer({
  host: '127.0.0.1',
  port,
  perMessageDeflate: false,
  clientTracking: true,
  backlog: 4096,
});

wss.on('connection', (ws) => {
  ws.on('message', (data, isBinary) => {
    if (isBinary) return;
    const text = data.toString();
    if (text.startsWith('ping ')) ws.send(`pong ${text.slice(5)} ${now()}`);
  });
  ws.on('error', () => undefined);
});

wss.on('listening', () => {
  const address = wss.address();
  reply({ type: 'listening', port: typeof address === 'object' && address ? address.port : port });
});

process.on('message', (raw: unknown) => {
  const m = raw as ToBaseline;
  if (m.type === 'count') {
    reply({ type: 'count', clients: wss.clients.size });
    return;
  }
  if (m.type === 'broadcast') {
    // Framed once and the same bytes written to each socket: what socket.io 4.8 does for a room broadcast
    // (socket.io-adapter computes WebSocket.Sender.frame() once; engine.io calls the socket's sendFrame).
    const buf = Buffer.from(m.payload, 'utf8');
    const frame = Sender.frame(buf, { readOnly: true, mask: false, rsv1: false, opcode: 1, fin: true });
    const sendStart = now();
    let clients = 0;
    for (const ws of wss.clients) {
      if (ws.readyState !== ws.OPEN) continue;
      const sender = (ws as unknown as { _sender?: { sendFrame?: (list: unknown, cb?: () => void) => void } })
        ._sender;
      if (sender?.sendFrame) sender.sendFrame(frame);
      else ws.send(buf, { binary: false });
      clients += 1;
    }
    reply({ type: 'sent', round: m.round, sendStart, sendEnd: now(), clients });
  }
});

process.on('disconnect', () => {
  wss.close();
  process.exit(0);
});
