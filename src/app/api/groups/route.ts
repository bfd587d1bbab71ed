import { CreateGroupBodySchema } from '@/protocol/boards';
import { handleError, parseJsonBody, requestOrigin } from '@/server/http';
import { getServices } from '@/server/services/container';

export const dynamic = 'force-dynamic';

/**
 * Creates a group. The response is the only time the admin token is shown: `{ id, name, adminToken, joinUrl,
 * boardUrl, adminUrl }` (the admin link carries the token in its `#admin=` fragment, never sent to servers).
 */
export async function POST(req: Request): Promise<Response> {
  const body = await parseJsonBody(req, CreateGroupBodySchema);
  if (body instanceof Response) return body;
  try {
    const { groups, env } = getServices();
    const g = await groups.create(body.name, body.publicBoards);
    const base = (env.PUBLIC_URL ?? requestOrigin(req)).replace(/\/$/, '');
    return Response.json(
      {
        ...g,
        publicBoards: body.publicBoards,
        joinUrl: `${base}/groups/${g.id}/join`,
        boardUrl: `${base}/groups/${g.id}`,
        adminUrl: `${base}/groups/${g.id}#admin=${encodeURIComponent(g.adminToken)}`,
      },
      { status: 201, headers: { 'cache-control': 'no-store' } },
    );
  } catch (e) {
    return handleError(e);
  }
}
