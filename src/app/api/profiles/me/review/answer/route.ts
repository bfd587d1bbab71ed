import { ReviewAnswerBodySchema } from '@/protocol/study';
import { bearer } from '@/server/bearer';
import { handleError, parseJsonBody } from '@/server/http';
import { getServices } from '@/server/services/container';

export const dynamic = 'force-dynamic';

/** Grades a review answer as a game would, reschedules the card (the reveal shows the new interval) and serves the next [R16]. */
export async function POST(req: Request): Promise<Response> {
  const body = await parseJsonBody(req, ReviewAnswerBodySchema, 10_000);
  if (body instanceof Response) return body;
  try {
    const { profiles, study } = getServices();
    const me = await profiles.requireByToken(bearer(req));
    const { tz, ...answer } = body;
    return Response.json(await study.answer(me.id, answer, tz), { headers: { 'cache-control': 'no-store' } });
  } catch (e) {
    return handleError(e);
  }
}
