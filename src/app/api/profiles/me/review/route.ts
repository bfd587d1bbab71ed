import { ReviewQuerySchema } from '@/protocol/study';
import { bearer } from '@/server/bearer';
import { handleError, jsonError } from '@/server/http';
import { getServices } from '@/server/services/container';

export const dynamic = 'force-dynamic';

/** What is due today, the reminder line, the streak and mastery over time; `?room=` adds that game's missed cards [R16]. */
export async function GET(req: Request): Promise<Response> {
  const q = ReviewQuerySchema.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!q.success) return jsonError(400, 'bad_request', q.error.issues[0]?.message ?? 'bad query');
  try {
    const { profiles, study } = getServices();
    const me = await profiles.requireByToken(bearer(req));
    return Response.json(await study.summary(me.id, q.data.tz, q.data.room), { headers: { 'cache-control': 'no-store' } });
  } catch (e) {
    return handleError(e);
  }
}
