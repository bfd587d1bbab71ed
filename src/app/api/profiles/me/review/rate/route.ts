import { SelfRateBodySchema } from '@/protocol/study';
import { bearer } from '@/server/bearer';
import { handleError, parseJsonBody } from '@/server/http';
import { getServices } from '@/server/services/container';

export const dynamic = 'force-dynamic';

/** "I knew it": a typed review answer's own rating replaces its grade for the schedule only [R16.4]. */
export async function POST(req: Request): Promise<Response> {
  const body = await parseJsonBody(req, SelfRateBodySchema, 2_000);
  if (body instanceof Response) return body;
  try {
    const { profiles, study } = getServices();
    const me = await profiles.requireByToken(bearer(req));
    return Response.json(await study.selfRate(me.id, body.logId, body.rating), { headers: { 'cache-control': 'no-store' } });
  } catch (e) {
    return handleError(e);
  }
}
