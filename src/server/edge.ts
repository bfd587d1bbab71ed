import type { IncomingMessage, ServerResponse } from 'node:http';
import { clientAddress, type AddressLimit, type AddressLimits } from './limits';
import type { Logger } from './log';
import type { Metrics } from './metrics';

/**
 * The HTTP edge: what every request meets before Next.js sees it. It answers the operations endpoints itself
 * (`/healthz`, `/readyz`, `/metrics`), applies the per-address rate limits [R10.3] to the routes that create,
 * import or look up (429 with `Retry-After`), and counts responses. Everything else passes through untouched.
 * server.ts calls it in one line; the integration tests put it in front of the route handlers the same way.
 */

export interface Probe {
  ok: boolean;
  ms: number;
  error?: string;
  /** Not used by this process (Redis without REDIS_URL). */
  skipped?: true;
}

export interface Readiness {
  ok: boolean;
  checks: Record<string, Probe>;
}

export interface EdgeDeps {
  limits: AddressLimits;
  /** Reverse proxies in front whose X-Forwarded-For is trusted (TRUST_PROXY). */
  trustedHops: number;
  metrics: Metrics;
  /** When set, `/metrics` needs it as a bearer token. */
  metricsToken?: string | undefined;
  ready(): Promise<Readiness>;
  log: Logger;
}

export interface Edge {
  /** Answers `req` itself, or calls `next` to hand it on. */
  serve(req: IncomingMessage, res: ServerResponse, next: () => void): void;
}

interface Rule {
  limit: AddressLimit;
  /** Names a room code: spends one of the address's unknown codes unless the code is known to name a room. */
  lookup: boolean;
}

const ROOM_LOOKUP = /^\/api\/rooms\/[^/]+(?:\/(?:results|export))?\/?$/;
const RESULTS_PAGE = /^\/results\/[^/]+\/?$/;
const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const DECK_STORE = /^\/api\/decks(?:\/[^/]+(?:\/clone)?)?\/?$/;

/** Which limit a request spends, if any. */
export function ruleFor(method: string, path: string): Rule | null {
  const read = READ_METHODS.has(method);
  if (read) {
    if (ROOM_LOOKUP.test(path) || RESULTS_PAGE.test(path)) return { limit: 'lookups', lookup: true };
    return null;
  }
  if (!path.startsWith('/api/')) return null;
  if (path === '/api/rooms' || path === '/api/rooms/') return { limit: 'rooms', lookup: false };
  // An assignment is a room too (docs/ASSIGNMENTS.md).
  if (path === '/api/assignments' || path === '/api/assignments/') return { limit: 'rooms', lookup: false };
  // Storing a deck (import, replace, clone) is the expensive write; trying an answer or editing examples is not.
  if (DECK_STORE.test(path) && (method === 'POST' || method === 'PUT')) return { limit: 'deckImports', lookup: false };
  return { limit: 'writes', lookup: false };
}

/** The room code a lookup's path names, as the routes read it (trimmed, upper case). */
function codeIn(path: string): string | null {
  const seg = path.split('/')[path.startsWith('/api/') ? 3 : 2];
  if (!seg) return null;
  try {
    return decodeURIComponent(seg).trim().toUpperCase();
  } catch {
    return null;
  }
}

/** Runs `fn`, giving up after `timeoutMs`: a hung database answers "not ready" instead of hanging the probe. */
export async function probe(fn: () => Promise<unknown>, timeoutMs = 2000): Promise<Probe> {
  const t0 = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      fn(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return { ok: true, ms: Math.round(performance.now() - t0) };
  } catch (e) {
    return { ok: false, ms: Math.round(performance.now() - t0), error: e instanceof Error ? e.message : String(e) };
  } finally {
    clearTimeout(timer);
  }
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
}

export function createEdge(deps: EdgeDeps): Edge {
  const { limits, metrics } = deps;

  async function ops(path: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      json(res, 405, { error: { code: 'bad_request', message: 'Use GET.' } }, { allow: 'GET, HEAD' });
      return;
    }
    switch (path) {
      case '/healthz':
        // Alive: the process answers. Whether it can serve games is /readyz.
        json(res, 200, { ok: true });
        return;
      case '/readyz': {
        const r = await deps.ready();
        json(res, r.ok ? 200 : 503, r);
        return;
      }
      case '/metrics': {
        if (deps.metricsToken && req.headers.authorization !== `Bearer ${deps.metricsToken}`) {
          json(res, 401, { error: { code: 'not_host', message: 'Metrics need the METRICS_TOKEN bearer token.' } });
          return;
        }
        const text = await metrics.registry.metrics();
        res.writeHead(200, { 'content-type': metrics.registry.contentType, 'cache-control': 'no-store' });
        res.end(text);
        return;
      }
    }
  }

  function tooMany(res: ServerResponse, retryAfterSec: number, limit: AddressLimit, read: boolean): void {
    metrics.limited(limit);
    json(
      res,
      429,
      { error: { code: 'rate_limited', message: `Too many requests from your address; try again in ${retryAfterSec} s.` } },
      // An unread request body is not drained: the connection closes instead.
      { 'retry-after': String(retryAfterSec), ...(read ? {} : { connection: 'close' }) },
    );
  }

  async function admit(rule: Rule, address: string, code: string | null) {
    const lookup = rule.lookup ? await limits.lookup(address, code) : null;
    if (lookup && !lookup.ok) return { ...lookup, limit: 'unknownCodes' as const, lookup };
    const v = await limits.take(rule.limit, address);
    if (!v.ok && lookup) limits.looked(address, null, true, lookup); // refused before looking: the point goes back
    return { ...v, limit: rule.limit, lookup };
  }

  return {
    serve(req, res, next) {
      const method = req.method ?? 'GET';
      const url = req.url ?? '/';
      const q = url.indexOf('?');
      const path = q < 0 ? url : url.slice(0, q);
      if (path === '/healthz' || path === '/readyz' || path === '/metrics') {
        ops(path, req, res).catch((e: unknown) => {
          deps.log.error('operations endpoint failed', { path, error: String(e) });
          if (!res.headersSent) json(res, 500, { error: { code: 'internal', message: 'Something went wrong.' } });
        });
        return;
      }
      res.once('finish', () => metrics.httpResponse(res.statusCode));
      const rule = ruleFor(method, path);
      if (!rule) {
        next();
        return;
      }
      const address = clientAddress(req.socket.remoteAddress, req.headers['x-forwarded-for'], deps.trustedHops);
      const code = rule.lookup ? codeIn(path) : null;
      admit(rule, address, code).then(
        (v) => {
          if (!v.ok) {
            tooMany(res, v.retryAfterSec, v.limit, READ_METHODS.has(method));
            return;
          }
          const { lookup } = v;
          if (lookup) {
            // 404 (no such room) and 400 (not even a code) were misses; anything else named a room.
            res.once('finish', () => limits.looked(address, code, res.statusCode !== 404 && res.statusCode !== 400, lookup));
          }
          next();
        },
        () => next(),
      );
    },
  };
}
