import { PathIdSchema } from '@/protocol/boards';
import { bearer } from '@/server/bearer';
import { handleError, jsonError } from '@/server/http';
import { getServices } from '@/server/services/container';

export const dynamic = 'force-dynamic';

/**
 * An assignment's progress for its host (host token as bearer): who started and finished, each player's
 * accuracy and rank, each card's accuracy. The host page polls it (docs/ASSIGNMENTS.md says why).
 */
export async function GET(req: Request, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  const id = PathIdSchema.safeParse((await ctx.params).id);
  if (!id.success) return jsonError(400, 'bad_request', 'Not an assignment id.');
  try {
    const progress = await getServices().assignments.progress(id.data, bearer(req));
    return Response.json(progress, { headers: { 'cache-control': 'no-store' } });
  } catch (e) {
    return handleError(e);
  }
}
