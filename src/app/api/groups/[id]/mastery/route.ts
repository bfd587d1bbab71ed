import { PathIdSchema } from '@/protocol/boards';
import { handleError, jsonError } from '@/server/http';
import { getServices } from '@/server/services/container';

export const dynamic = 'force-dynamic';

/** The group's mastery per deck and topic across its members: at the start of the month and now [R16.6]. */
export async function GET(_req: Request, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  const id = PathIdSchema.safeParse((await ctx.params).id);
  if (!id.success) return jsonError(404, 'bad_request', 'No such group.');
  try {
    const { groups, study } = getServices();
    if (!(await groups.get(id.data))) return jsonError(404, 'bad_request', 'No such group.');
    return Response.json(await study.groupMastery(id.data));
  } catch (e) {
    return handleError(e);
  }
}
