import { RecoverProfileBodySchema } from '@/protocol/boards';
import { handleError, jsonError, parseJsonBody } from '@/server/http';
import { getServices } from '@/server/services/container';

export const dynamic = 'force-dynamic';

/** Checks a recovery code (another device opening the recovery link): `{ id, displayName }` or 404. */
export async function POST(req: Request): Promise<Response> {
  const body = await parseJsonBody(req, RecoverProfileBodySchema);
  if (body instanceof Response) return body;
  try {
    const p = await getServices().profiles.byToken(body.recoveryCode);
    if (!p) return jsonError(404, 'bad_request', 'No profile has that recovery code. Check the link or create a new profile.');
    return Response.json(p, { headers: { 'cache-control': 'no-store' } });
  } catch (e) {
    return handleError(e);
  }
}
