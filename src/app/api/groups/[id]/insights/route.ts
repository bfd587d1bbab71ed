import { PathIdSchema } from '@/protocol/boards';
import { handleError, jsonError } from '@/server/http';
import { getServices } from '@/server/services/container';

export const dynamic = 'force-dynamic';

/** Per card and topic: how often the group is right and how fast; `?season=`, `?deck=` [R11.7]. */
export async function GET(req: Request, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  const id = PathIdSchema.safeParse((await ctx.params).id);
  if (!id.success) return jsonError(404, 'bad_request', 'No such group.');
  try {
    const q = new URL(req.url).searchParams;
    const deck = PathIdSchema.safeParse(q.get('deck'));
    return Response.json(await getServices().insights.forGroup(id.data, q.get('season'), deck.success ? deck.data : null));
  } catch (e) {
    return handleError(e);
  }
}
