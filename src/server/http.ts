import 'server-only';
import type { z } from 'zod';
import { isServiceError } from './errors';

/** Helpers for Next route handlers: zod-parsed JSON bodies and errors as `{ error: { code, message } }`. */

export function jsonError(status: number, code: string, message: string): Response {
  return Response.json({ error: { code, message } }, { status });
}

export async function parseJsonBody<T>(req: Request, schema: z.ZodType<T>, maxBytes = 1_000_000): Promise<T | Response> {
  const length = Number(req.headers.get('content-length') ?? '0');
  if (length > maxBytes) return jsonError(413, 'too_large', `Body is larger than ${maxBytes} bytes.`);
  let raw: unknown;
  try {
    const text = await req.text();
    if (text.length > maxBytes) return jsonError(413, 'too_large', `Body is larger than ${maxBytes} bytes.`);
    raw = JSON.parse(text);
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
