import { readdirSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';

/**
 * The app's HTTP API without Next.js: every `src/app/api/** /route.ts` module, found on disk, served from a plain
 * Node server the way Next's App Router serves it (dynamic `[segments]` decoded into params, the web Request
 * streaming the body, HEAD and OPTIONS answered for a route, 405 for a method it does not export, 500 when a
 * handler throws). The integration tests put the real edge (src/server/edge.ts) in front, as server.ts does.
 */

const API_DIR = path.resolve(import.meta.dirname, '../../src/app/api');
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

export interface RouteEntry {
  /** The URL template, e.g. `/api/rooms/[code]/results`. */
  template: string;
  pattern: RegExp;
  params: string[];
  methods: string[];
  module: Record<string, unknown>;
}

function routeFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) routeFiles(full, out);
    else if (name === 'route.ts') out.push(full);
  }
  return out;
}

/** Every API route module, static segments before dynamic ones (as Next matches them). */
export async function loadRoutes(): Promise<RouteEntry[]> {
  const entries: RouteEntry[] = [];
  for (const file of routeFiles(API_DIR)) {
    const rel = path.relative(API_DIR, path.dirname(file)).split(path.sep).filter(Boolean);
    const template = `/api/${rel.join('/')}`.replace(/\/$/, '');
    const params: string[] = [];
    const source = rel
      .map((seg) => {
        const m = /^\[(\w+)\]$/.exec(seg);
        if (!m?.[1]) return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        params.push(m[1]);
        return '([^/]+)';
      })
      .join('/');
    const module = (await import(file)) as Record<string, unknown>;
    const methods = METHODS.filter((m) => typeof module[m] === 'function');
    entries.push({ template, pattern: new RegExp(`^/api/${source}/?$`), params, methods, module });
  }
  // Fewer dynamic segments first: /api/profiles/me before a /api/profiles/[x], were there one.
  return entries.sort((a, b) => a.params.length - b.params.length);
}

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response> | Response;

/** A Node request handler that serves `routes` (404 for any other path). */
export function serveRoutes(routes: RouteEntry[]) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    void handle(routes, req, res).catch((e: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`route harness failed: ${String(e)}`);
    });
  };
}

async function handle(routes: RouteEntry[], req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
  const method = req.method ?? 'GET';
  let match: { route: RouteEntry; values: string[] } | undefined;
  for (const route of routes) {
    const m = route.pattern.exec(url.pathname);
    if (m) {
      match = { route, values: m.slice(1) };
      break;
    }
  }
  if (!match) {
    res.writeHead(404).end();
    return;
  }
  const { route } = match;
  let params: Record<string, string>;
  try {
    params = Object.fromEntries(route.params.map((p, i) => [p, decodeURIComponent(match.values[i] ?? '')]));
  } catch {
    res.writeHead(400).end(); // Next: a malformed %-escape in the path
    return;
  }
  if (method === 'OPTIONS') {
    res.writeHead(204, { allow: [...route.methods, 'HEAD', 'OPTIONS'].join(', ') }).end();
    return;
  }
  const name = method === 'HEAD' ? 'GET' : method;
  const handler = route.module[name] as Handler | undefined;
  if (!handler) {
    res.writeHead(405, { allow: route.methods.join(', ') }).end();
    return;
  }
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) {
    if (Array.isArray(v)) for (const x of v) headers.append(k, x);
    else if (v !== undefined) headers.set(k, v);
  }
  const hasBody = method !== 'GET' && method !== 'HEAD';
  const request = new Request(url, {
    method,
    headers,
    ...(hasBody ? { body: Readable.toWeb(req) as unknown as ReadableStream<Uint8Array>, duplex: 'half' } : {}),
  } as RequestInit);
  let response: Response;
  try {
    response = await handler(request, { params: Promise.resolve(params) });
  } catch (e) {
    // What Next does with a handler that throws: a bare 500. The tests count these as failures.
    res.writeHead(500, { 'content-type': 'text/plain', 'x-handler-threw': '1' });
    res.end(String(e instanceof Error ? e.stack : e));
    return;
  }
  const out: Record<string, string> = {};
  response.headers.forEach((v, k) => (out[k] = v));
  res.writeHead(response.status, out);
  if (!response.body || method === 'HEAD') {
    res.end();
    await response.body?.cancel().catch(() => undefined);
    return;
  }
  const body = Readable.fromWeb(response.body as unknown as NodeReadableStream<Uint8Array>);
  body.on('error', () => res.destroy());
  body.pipe(res);
  // A client gone mid-stream (an SSE reader closing) cancels the handler's stream, as Next does.
  res.on('close', () => body.destroy());
}
