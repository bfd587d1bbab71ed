import { PathIdSchema } from '@/protocol/boards';
import { handleError, jsonError } from '@/server/http';
import { getServices } from '@/server/services/container';

export const dynamic = 'force-dynamic';

/** The group's board for `?season=all|month:YYYY-MM|season:<id>` (default all time) [R11.3-R11.5]. */
export async function GET(req: Request, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  const id = PathIdSchema.safeParse((await ctx.params).id);
  if (!id.success) return jsonError(404, 'bad_request', 'No such group.');
  try {
    const season = new URL(req.url).searchParams.get('season');
    return Response.json(await getServices().boards.groupBoard(id.data, season));
  } catch (e) {
    return handleError(e);
  }
}
