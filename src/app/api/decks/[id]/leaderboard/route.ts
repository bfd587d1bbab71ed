import { PathIdSchema } from '@/protocol/boards';
import { handleError, jsonError } from '@/server/http';
import { getServices } from '@/server/services/container';

export const dynamic = 'force-dynamic';

/** The deck's public board: each person's best game across groups that opted in [R11.3]. */
export async function GET(_req: Request, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  const id = PathIdSchema.safeParse((await ctx.params).id);
  if (!id.success) return jsonError(404, 'deck_not_found', 'No such deck.');
  try {
    return Response.json(await getServices().boards.deckBoard(id.data));
  } catch (e) {
    return handleError(e);
  }
}
