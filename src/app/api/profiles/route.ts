import { CreateProfileBodySchema } from '@/protocol/boards';
import { handleError, parseJsonBody } from '@/server/http';
import { getServices } from '@/server/services/container';

export const dynamic = 'force-dynamic';

/** Claims a profile: `{ id, displayName, recoveryCode }`; the recovery code is shown this once [R11.2]. */
export async function POST(req: Request): Promise<Response> {
  const body = await parseJsonBody(req, CreateProfileBodySchema);
  if (body instanceof Response) return body;
  try {
    const created = await getServices().profiles.create(body.displayName);
    return Response.json(created, { status: 201, headers: { 'cache-control': 'no-store' } });
  } catch (e) {
    return handleError(e);
  }
}
