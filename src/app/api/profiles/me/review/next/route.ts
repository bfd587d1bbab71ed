import { ReviewQuerySchema } from '@/protocol/study';
import { bearer } from '@/server/bearer';
import { handleError, jsonError } from '@/server/http';
import { getServices } from '@/server/services/container';

export const dynamic = 'force-dynamic';

/** The next card due today (no answer in it), and how many are left; `?room=` only the cards missed in that game [R16]. */
export async function GET(req: Request): Promise<Response> {
  const q = ReviewQuerySchema.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!q.success) return jsonError(400, 'bad_request', q.error.issues[0]?.message ?? 'bad query');
  try {
    const { profiles, study } = getServices();
    const me = await profiles.requireByToken(bearer(req));
    return Response.json(await study.next(me.id, q.data.tz, q.data.room, q.data.since), { headers: { 'cache-control': 'no-store' } });
  } catch (e) {
    return handleError(e);
  }
}
