import { PathIdSchema } from '@/protocol/boards';
import { bearer } from '@/server/bearer';
import { handleError, jsonError } from '@/server/http';
import { getServices } from '@/server/services/container';

export const dynamic = 'force-dynamic';

/** Deletes a season (the games stay; only that view goes); admin token as bearer. */
export async function DELETE(req: Request, ctx: { params: Promise<{ id: string; seasonId: string }> }): Promise<Response> {
  const params = await ctx.params;
  const id = PathIdSchema.safeParse(params.id);
  const seasonId = PathIdSchema.safeParse(params.seasonId);
  if (!id.success || !seasonId.success) return jsonError(404, 'bad_request', 'No such season.');
  try {
    await getServices().groups.deleteSeason(id.data, bearer(req), seasonId.data);
    return new Response(null, { status: 204 });
  } catch (e) {
    return handleError(e);
  }
}
