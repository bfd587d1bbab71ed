import { RoomCodeSchema } from '@/protocol';
import { handleError, jsonError } from '@/server/http';
import { getServices } from '@/server/services/container';

export const dynamic = 'force-dynamic';

/** Public status of a room (for the join page): does it exist, is it running, is it full. */
export async function GET(_req: Request, ctx: { params: Promise<{ code: string }> }): Promise<Response> {
  const parsed = RoomCodeSchema.safeParse((await ctx.params).code);
  if (!parsed.success) return jsonError(400, 'bad_request', 'A room code is 6 letters and digits.');
  try {
    const { rooms } = getServices();
    const live = await rooms.status(parsed.data);
    if (live) return Response.json({ ...live, live: true });
    const stored = await rooms.find(parsed.data);
    if (!stored) return jsonError(404, 'room_not_found', `No game with code ${parsed.data}.`);
    return Response.json({ code: stored.code, title: stored.title, phase: 'finished', status: stored.status, live: false });
  } catch (e) {
    return handleError(e);
  }
}
