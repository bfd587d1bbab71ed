import { RoomCodeSchema } from '@/protocol';
import { bearer } from '@/server/bearer';
import { handleError, jsonError } from '@/server/http';
import { getServices } from '@/server/services/container';

export const dynamic = 'force-dynamic';

/**
 * A room's stored results: ranking, questions and every answer (no tokens). While the game is live, only its
 * host may read them (host token as bearer) [R9.6].
 */
export async function GET(req: Request, ctx: { params: Promise<{ code: string }> }): Promise<Response> {
  const parsed = RoomCodeSchema.safeParse((await ctx.params).code);
  if (!parsed.success) return jsonError(400, 'bad_request', 'A room code is 6 letters and digits.');
  try {
    const results = await getServices().rooms.readResults(parsed.data, bearer(req));
    if (!results) return jsonError(404, 'room_not_found', `No game with code ${parsed.data}.`);
    return Response.json(results);
  } catch (e) {
    return handleError(e);
  }
}
