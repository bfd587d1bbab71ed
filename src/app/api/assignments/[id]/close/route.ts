import { PathIdSchema } from '@/protocol/boards';
import { bearer } from '@/server/bearer';
import { handleError, jsonError } from '@/server/http';
import { getServices } from '@/server/services/container';

export const dynamic = 'force-dynamic';

/** Closes an assignment now (host token as bearer): its results then count for the group [R13.7]. */
export async function POST(req: Request, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  const id = PathIdSchema.safeParse((await ctx.params).id);
  if (!id.success) return jsonError(400, 'bad_request', 'Not an assignment id.');
  try {
    const progress = await getServices().assignments.close(id.data, bearer(req));
    return Response.json(progress, { headers: { 'cache-control': 'no-store' } });
  } catch (e) {
    return handleError(e);
  }
}
