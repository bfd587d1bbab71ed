import { PathIdSchema } from '@/protocol/boards';
import { handleError, jsonError } from '@/server/http';
import { getServices } from '@/server/services/container';

export const dynamic = 'force-dynamic';

const HEARTBEAT_MS = 15_000;

/**
 * Server-Sent Events for a group's pages [R11.10]: `event: update` whenever a game of the group finishes or an
 * admin changes the group; the page then reloads its data. A comment line every 15 s keeps proxies from
 * closing the stream. `Cache-Control: no-transform` keeps the response uncompressed (compression would buffer it).
 */
export async function GET(req: Request, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  const id = PathIdSchema.safeParse((await ctx.params).id);
  if (!id.success) return jsonError(404, 'bad_request', 'No such group.');
  try {
    const { groups, groupUpdates } = getServices();
    if (!(await groups.get(id.data))) return jsonError(404, 'bad_request', 'No such group.');
    const encoder = new TextEncoder();
    let stop = () => undefined as void;
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        let open = true;
        const send = (text: string) => {
          if (!open) return;
          try {
            controller.enqueue(encoder.encode(text));
          } catch {
            stop();
          }
        };
        const unwatch = groupUpdates.watch(id.data, () => send(`event: update\ndata: ${JSON.stringify({ at: new Date().toISOString() })}\n\n`));
        const heartbeat = setInterval(() => send(': keep-alive\n\n'), HEARTBEAT_MS);
        stop = () => {
          if (!open) return;
          open = false;
          unwatch();
          clearInterval(heartbeat);
          try {
            controller.close();
          } catch {
            /* already closed */
          }
        };
        req.signal.addEventListener('abort', () => stop(), { once: true });
        send('retry: 3000\nevent: ready\ndata: {}\n\n');
      },
      cancel() {
        stop();
      },
    });
    return new Response(stream, {
      headers: {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      },
    });
  } catch (e) {
    return handleError(e);
  }
}
