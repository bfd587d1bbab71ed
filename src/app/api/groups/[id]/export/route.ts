import { ExportQuerySchema, PathIdSchema } from '@/protocol/boards';
import { handleError, jsonError } from '@/server/http';
import { getServices } from '@/server/services/container';
import { answersCsv, downloadHeaders, exportJson, playersCsv, textStream } from '@/server/services/boards/export-formats';

export const dynamic = 'force-dynamic';

/**
 * A group's board and answers for `?season=` [R11.8]: `?format=csv&rows=players` (one row per profile),
 * `?format=csv&rows=answers` (one row per counted answer) or `?format=json` (`{ group, scope, players, answers }`).
 */
export async function GET(req: Request, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  const id = PathIdSchema.safeParse((await ctx.params).id);
  if (!id.success) return jsonError(404, 'bad_request', 'No such group.');
  const q = ExportQuerySchema.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!q.success) return jsonError(400, 'bad_request', 'format is csv or json; rows is players or answers.');
  try {
    const { exports } = getServices();
    const { board, players } = await exports.groupPlayers(id.data, q.data.season);
    const scope = board.scope.param.replace(':', '-');
    const name = `quizroom-group-${board.group.name}-${scope}-${q.data.rows}.${q.data.format}`;
    const answers = () => exports.groupAnswers(id.data, q.data.season);
    if (q.data.format === 'json') {
      return new Response(textStream(exportJson({ group: board.group, scope: board.scope }, players, answers())), {
        headers: downloadHeaders('json', name),
      });
    }
    const body = q.data.rows === 'players' ? playersCsv(players) : answersCsv(answers());
    return new Response(textStream(body), { headers: downloadHeaders('csv', name) });
  } catch (e) {
    return handleError(e);
  }
}
