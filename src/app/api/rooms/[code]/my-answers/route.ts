import { MyAnswersBodySchema, RoomCodeSchema } from '@/protocol';
import { handleError, jsonError, parseJsonBody } from '@/server/http';
import { getServices } from '@/server/services/container';

export const dynamic = 'force-dynamic';

/**
 * A player's own answers to a finished game, for the study sheet: the body proves the seat (its rejoin token)
 * or the profile that played (its recovery code). POST, so the secret never sits in a URL or a log.
 */
export async function POST(req: Request, ctx: { params: Promise<{ code: string }> }): Promise<Response> {
  const parsed = RoomCodeSchema.safeParse((await ctx.params).code);
  if (!parsed.success) return jsonError(400, 'bad_request', 'A room code is 6 letters and digits.');
  const body = await parseJsonBody(req, MyAnswersBodySchema);
  if (body instanceof Response) return body;
  try {
    const mine = await getServices().studySheet.myAnswers(parsed.data, body);
    return Response.json(mine, { headers: { 'cache-control': 'no-store' } });
  } catch (e) {
    return handleError(e);
  }
}
