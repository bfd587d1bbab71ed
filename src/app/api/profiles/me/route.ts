import { RenameProfileBodySchema } from '@/protocol/boards';
import { bearer } from '@/server/bearer';
import { handleError, parseJsonBody } from '@/server/http';
import { getServices } from '@/server/services/container';

export const dynamic = 'force-dynamic';

const noStore = { 'cache-control': 'no-store' };

/** The personal page of the profile whose recovery code is the bearer token [R11.7]. */
export async function GET(req: Request): Promise<Response> {
  try {
    const { profiles, personal } = getServices();
    const me = await profiles.requireByToken(bearer(req));
    return Response.json(await personal.page(me.id), { headers: noStore });
  } catch (e) {
    return handleError(e);
  }
}

/** Renames the profile (boards show the new name everywhere). */
export async function PATCH(req: Request): Promise<Response> {
  const body = await parseJsonBody(req, RenameProfileBodySchema);
  if (body instanceof Response) return body;
  try {
    return Response.json(await getServices().profiles.rename(bearer(req), body.displayName), { headers: noStore });
  } catch (e) {
    return handleError(e);
  }
}

/** Deletes the profile and its review data; its games stay in their rooms without it [R16.7]. */
export async function DELETE(req: Request): Promise<Response> {
  try {
    await getServices().profiles.delete(bearer(req));
    return new Response(null, { status: 204 });
  } catch (e) {
    return handleError(e);
  }
}
