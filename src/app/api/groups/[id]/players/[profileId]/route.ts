import { PathIdSchema } from '@/protocol/boards';
import { bearer } from '@/server/bearer';
import { handleError, jsonError } from '@/server/http';
import { getServices } from '@/server/services/container';

export const dynamic = 'force-dynamic';

/**
 * Removes a player's (profile's) results from the group's boards and insights: `{ hidden }` results. The
 * rooms' own results pages keep them. Admin token as bearer [R11.6].
 */
export async function DELETE(req: Request, ctx: { params: Promise<{ id: string; profileId: string }> }): Promise<Response> {
  const params = await ctx.params;
  const id = PathIdSchema.safeParse(params.id);
  const profileId = PathIdSchema.safeParse(params.profileId);
  if (!id.success || !profileId.success) return jsonError(404, 'bad_request', 'No such player in this group.');
  try {
    return Response.json(await getServices().groups.hideResults(id.data, bearer(req), profileId.data));
  } catch (e) {
    return handleError(e);
  }
}
