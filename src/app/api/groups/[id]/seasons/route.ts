import { CreateSeasonBodySchema, PathIdSchema } from '@/protocol/boards';
import { bearer } from '@/server/bearer';
import { handleError, jsonError, parseJsonBody } from '@/server/http';
import { getServices } from '@/server/services/container';

export const dynamic = 'force-dynamic';

/** Adds a season `{ name, startsAt, endsAt }` (games that ended in [startsAt, endsAt)); admin token as bearer. */
export async function POST(req: Request, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  const id = PathIdSchema.safeParse((await ctx.params).id);
  if (!id.success) return jsonError(404, 'bad_request', 'No such group.');
  const body = await parseJsonBody(req, CreateSeasonBodySchema);
  if (body instanceof Response) return body;
  try {
    return Response.json(await getServices().groups.addSeason(id.data, bearer(req), body), { status: 201 });
  } catch (e) {
    return handleError(e);
  }
}
