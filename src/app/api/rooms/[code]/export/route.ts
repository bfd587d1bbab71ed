import { RoomCodeSchema } from '@/protocol';
import { ExportQuerySchema } from '@/protocol/boards';
import { bearer } from '@/server/bearer';
import { handleError, jsonError } from '@/server/http';
import { getServices } from '@/server/services/container';
import { answersCsv, downloadHeaders, exportJson, once, playersCsv, textStream } from '@/server/services/boards/export-formats';

export const dynamic = 'force-dynamic';

/**
 * A room's results [R11.8]: `?format=csv&rows=players` (one row per player), `?format=csv&rows=answers` (one row
 * per answer) or `?format=json` (`{ room, players, answers }`). While the game is live, only its host may export
 * it (host token as bearer) [R9.6].
 */
export async function GET(req: Request, ctx: { params: Promise<{ code: string }> }): Promise<Response> {
  const code = RoomCodeSchema.safeParse((await ctx.params).code);
  if (!code.success) return jsonError(400, 'bad_request', 'A room code is 6 letters and digits.');
  const q = ExportQuerySchema.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!q.success) return jsonError(400, 'bad_request', 'format is csv or json; rows is players or answers.');
  try {
    const { rooms, exports } = getServices();
    // A live game's answers by name are the host's until it ends [R9.6] (this also waits for a live room's writes).
    if (!(await rooms.readable(code.data, bearer(req)))) return jsonError(404, 'room_not_found', `No game with code ${code.data}.`);
    const data = await exports.room(code.data);
    const name = `quizroom-${data.room.code}-${q.data.rows}.${q.data.format}`;
    if (q.data.format === 'json') {
      return new Response(textStream(exportJson({ room: data.room }, data.players, once(data.answers))), { headers: downloadHeaders('json', name) });
    }
    const body = q.data.rows === 'players' ? playersCsv(data.players) : answersCsv(once(data.answers));
    return new Response(textStream(body), { headers: downloadHeaders('csv', name) });
  } catch (e) {
    return handleError(e);
  }
}
