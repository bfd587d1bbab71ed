import { PathIdSchema, UpdateGroupBodySchema } from '@/protocol/boards';
import { bearer } from '@/server/bearer';
import { handleError, jsonError, parseJsonBody } from '@/server/http';
import { getServices } from '@/server/services/container';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ id: string }> };

async function groupId(ctx: Ctx): Promise<string | null> {
  const parsed = PathIdSchema.safeParse((await ctx.params).id);
  return parsed.success ? parsed.data : null;
}

/** A group: `{ id, name, publicBoards, createdAt, seasons }` (no tokens). */
export async function GET(_req: Request, ctx: Ctx): Promise<Response> {
  const id = await groupId(ctx);
  if (!id) return jsonError(404, 'bad_request', 'No such group.');
  try {
    const { groups } = getServices();
    const g = await groups.get(id);
    if (!g) return jsonError(404, 'bad_request', 'No such group.');
    return Response.json({ ...g, seasons: await groups.seasons(id) });
  } catch (e) {
    return handleError(e);
  }
}

/** Renames the group or switches its public deck boards (admin token as bearer) [R11.6]. */
export async function PATCH(req: Request, ctx: Ctx): Promise<Response> {
  const id = await groupId(ctx);
  if (!id) return jsonError(404, 'bad_request', 'No such group.');
  const body = await parseJsonBody(req, UpdateGroupBodySchema);
  if (body instanceof Response) return body;
  try {
    return Response.json(await getServices().groups.update(id, bearer(req), body));
  } catch (e) {
    return handleError(e);
  }
}

/** Deletes the group and its seasons; its games stay readable at /results/CODE (admin token as bearer). */
export async function DELETE(req: Request, ctx: Ctx): Promise<Response> {
  const id = await groupId(ctx);
  if (!id) return jsonError(404, 'bad_request', 'No such group.');
  try {
    await getServices().groups.delete(id, bearer(req));
    return new Response(null, { status: 204 });
  } catch (e) {
    return handleError(e);
  }
}
