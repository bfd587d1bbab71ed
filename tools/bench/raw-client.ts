import WebSocket from 'ws';

/**
 * `--client raw`: the least a client can do and still speak socket.io 4 over a WebSocket (engine.io protocol 4):
 * open, CONNECT to the main namespace, answer pings, send events with ack ids, take acks and events. It parses
 * only what a bot reads: a lobby `room:state` (one per join, to everyone) and `room:counts` are recognised by
 * their first bytes and not decoded. Same per-message cost as the ws baseline's clients, so the comparison
 * isolates the server. The default client is the real socket.io-client.
 *
 * Frames (text): engine.io `0{open}` `2` ping -> `3` pong, `4` message; socket.io inside a message: `0` CONNECT,
 * `1` DISCONNECT, `2[...]` EVENT, `2<id>[...]` EVENT with ack, `3<id>[...]` ACK, `4` CONNECT_ERROR.
 */

type Handler = (payload: never) => void;

export interface RawClientOptions {
  timeoutMs: number;
}

/** Events that the bot ignores in these phases: recognised without parsing them. */
function skippable(event: string, text: string): boolean {
  if (event === 'room:counts') return true;
  if (event === 'room:state') {
    const i = text.indexOf('"phase":"');
    return i >= 0 && i < 300 && text.startsWith('lobby"', i + 9);
  }
  return false;
}

export class RawSocketIoClient {
  connected = false;
  /** Messages recognised and not decoded (see skippable). */
  skipped = 0;
  private readonly ws: WebSocket;
  private readonly handlers = new Map<string, Handler[]>();
  private readonly onceHandlers = new Map<string, Handler[]>();
  private readonly acks = new Map<number, (res: never) => void>();
  private nextAck = 0;
  private closing = false;
  private readonly timer: NodeJS.Timeout;

  constructor(url: string, opts: RawClientOptions) {
    const u = new URL(url);
    this.ws = new WebSocket(`ws://${u.host}/socket.io/?EIO=4&transport=websocket`, {
      perMessageDeflate: false,
    });
    this.timer = setTimeout(() => {
      if (!this.connected) {
        this.fire('connect_error', new Error('timeout'));
        this.ws.terminate();
      }
    }, opts.timeoutMs);
    this.ws.on('message', (data: Buffer, isBinary: boolean) => {
      if (!isBinary) this.onFrame(data.toString('utf8'));
    });
    this.ws.on('error', (e) => {
      if (!this.connected) this.fire('connect_error', e);
    });
    this.ws.on('close', () => {
      clearTimeout(this.timer);
      if (!this.connected) return;
      this.connected = false;
      this.fire('disconnect', this.closing ? 'io client disconnect' : 'transport close');
    });
  }

  on(event: string, fn: (payload: never) => void): this {
    const list = this.handlers.get(event) ?? [];
    list.push(fn);
    this.handlers.set(event, list);
    return this;
  }

  once(event: string, fn: (payload: never) => void): this {
    const list = this.onceHandlers.get(event) ?? [];
    list.push(fn);
    this.onceHandlers.set(event, list);
    return this;
  }

  emit(event: string, payload: unknown, ack?: (res: never) => void): void {
    if (this.ws.readyState !== WebSocket.OPEN) return;
    let id = '';
    if (ack) {
      const n = this.nextAck++;
      this.acks.set(n, ack);
      id = String(n);
    }
    this.ws.send(`42${id}${JSON.stringify([event, payload])}`);
  }

  close(): void {
    this.closing = true;
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send('41');
    this.ws.close();
  }

  private fire(event: string, payload: unknown): void {
    const once = this.onceHandlers.get(event);
    if (once) {
      this.onceHandlers.delete(event);
      for (const fn of once) fn(payload as never);
    }
    for (const fn of this.handlers.get(event) ?? []) fn(payload as never);
  }

  private onFrame(text: string): void {
    switch (text.charCodeAt(0)) {
      case 0x30: // '0' engine.io open: connect to the main namespace
        this.ws.send('40');
        return;
      case 0x32: // '2' ping
        this.ws.send(`3${text.slice(1)}`);
        return;
      case 0x31: // '1' close
        this.ws.close();
        return;
      case 0x34: // '4' message: a socket.io packet
        this.onPacket(text);
        return;
      default:
        return;
    }
  }

  private onPacket(text: string): void {
    const type = text.charCodeAt(1);
    if (type === 0x30) {
      // CONNECT ack
      clearTimeout(this.timer);
      this.connected = true;
      this.fire('connect', undefined);
      return;
    }
    if (type === 0x34) {
      this.fire('connect_error', new Error(text.slice(2)));
      return;
    }
    if (type === 0x31) {
      this.ws.close();
      return;
    }
    // EVENT or ACK: optional ack id digits, then the JSON array.
    let i = 2;
    while (i < text.length && text.charCodeAt(i) >= 0x30 && text.charCodeAt(i) <= 0x39) i++;
    const id = i > 2 ? Number(text.slice(2, i)) : -1;
    if (type === 0x33) {
      const ack = this.acks.get(id);
      if (!ack) return;
      this.acks.delete(id);
      ack((JSON.parse(text.slice(i)) as unknown[])[0] as never);
      return;
    }
    if (type !== 0x32) return;
    // ["event", payload]: event names here are plain ASCII without quotes.
    const nameEnd = text.indexOf('"', i + 2);
    const event = text.slice(i + 2, nameEnd);
    if (skippable(event, text)) {
      this.skipped += 1;
      return;
    }
    const args = JSON.parse(text.slice(i)) as unknown[];
    this.fire(event, args[1]);
  }
}
