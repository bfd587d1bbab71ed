import 'server-only';
import type { z } from 'zod';
import { isServiceError } from './errors';

/** Helpers for Next route handlers: zod-parsed JSON bodies and errors as `{ error: { code, message } }`. */

export function jsonError(status: number, code: string, message: string): Response {
  return Response.json({ error: { code, message } }, { status });
}

/** The default limit of a JSON body; the deck import allows more. */
export const JSON_BODY_MAX = 1_000_000;

export type BodyText = { ok: true; text: string } | { ok: false; response: Response };

/**
 * Reads a request body as UTF-8 text, at most `maxBytes`. The limit holds while the body streams in: a chunked
 * body without Content-Length is cut off at the limit (the rest is never read, let alone buffered), and a
 * declared length over it is refused before reading anything. 413 `too_large`; bytes that are not UTF-8, 400.
 */
export async function readBodyText(req: Request, maxBytes: number): Promise<BodyText> {
  const tooLarge = () => ({
    ok: false as const,
    response: jsonError(413, 'too_large', `Body is larger than ${maxBytes} bytes.`),
  });
  const declared = req.headers.get('content-length');
  if (declared !== null && Number(declared) > maxBytes) return tooLarge();
  if (!req.body) return { ok: true, text: '' };
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        void reader.cancel().catch(() => undefined);
        return tooLarge();
      }
      chunks.push(value);
    }
  } catch {
    return { ok: false, response: jsonError(400, 'bad_request', 'The body could not be read.') };
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { ok: false, response: jsonError(400, 'bad_request', 'Body must be UTF-8 text.') };
  }
}

export async function parseJsonBody<T>(req: Request, schema: z.ZodType<T>, maxBytes = JSON_BODY_MAX): Promise<T | Response> {
  const body = await readBodyText(req, maxBytes);
  if (!body.ok) return body.response;
  let raw: unknown;
  try {
    raw = JSON.parse(body.text);
  } catch {
    return jsonError(400, 'bad_request', 'Body must be JSON.');
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const msg = parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ');
    return jsonError(400, 'bad_request', msg);
  }
  return parsed.data;
}

export function handleError(e: unknown): Response {
  if (isServiceError(e)) return jsonError(e.status, e.code, e.message);
  console.error('[quizroom] request failed', e);
  return jsonError(500, 'internal', 'Something went wrong on the server.');
}

/** The origin a browser used to reach us (for join links and QR codes). */
export function requestOrigin(req: Request): string {
  const url = new URL(req.url);
  const host = req.headers.get('x-forwarded-host') ?? req.headers.get('host') ?? url.host;
  const proto = req.headers.get('x-forwarded-proto') ?? url.protocol.replace(':', '');
  return `${proto}://${host}`;
}
