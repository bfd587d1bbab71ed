import { CreateRoomBodySchema } from '@/protocol';
import { handleError, parseJsonBody, requestOrigin } from '@/server/http';
import { getServices } from '@/server/services/container';

export const dynamic = 'force-dynamic';

/** Creates a room; the response carries the host's secret token (shown to nobody else). */
export async function POST(req: Request): Promise<Response> {
  const body = await parseJsonBody(req, CreateRoomBodySchema);
  if (body instanceof Response) return body;
  try {
    const created = await getServices().rooms.create(body, requestOrigin(req));
    return Response.json(created, { status: 201, headers: { 'cache-control': 'no-store' } });
  } catch (e) {
    return handleError(e);
  }
}
