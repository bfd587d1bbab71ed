import { csvTable } from '@/boards/csv';
import { ProfileExportQuerySchema } from '@/protocol/study';
import { bearer } from '@/server/bearer';
import { handleError, jsonError } from '@/server/http';
import { getServices } from '@/server/services/container';
import { downloadHeaders } from '@/server/services/boards/export-formats';

export const dynamic = 'force-dynamic';

const ROWS = ['games', 'reviews', 'cards'] as const;
type Rows = (typeof ROWS)[number];

/**
 * A profile's own data [R16.7]: `?format=json` (profile, games, review queue and review log) or
 * `?format=csv&rows=games|reviews|cards` (one table each).
 */
export async function GET(req: Request): Promise<Response> {
  const params = Object.fromEntries(new URL(req.url).searchParams);
  const q = ProfileExportQuerySchema.safeParse({ format: params.format });
  const rows = (params.rows ?? 'reviews') as Rows;
  if (!q.success || !ROWS.includes(rows)) return jsonError(400, 'bad_request', 'format is json or csv; rows is games, reviews or cards.');
  try {
    const { profiles, personal, study } = getServices();
    const me = await profiles.requireByToken(bearer(req));
    const [page, review] = await Promise.all([personal.page(me.id), study.exportData(me.id)]);
    if (q.data.format === 'json') {
      const body = JSON.stringify({ profile: page.profile, games: page.games, review }, null, 2);
      return new Response(body, { headers: downloadHeaders('json', `quizroom-profile-${me.id}.json`) });
    }
    const name = `quizroom-profile-${me.id}-${rows}.csv`;
    let body: string;
    switch (rows) {
      case 'games':
        body = csvTable(
          ['code', 'title', 'deckId', 'endedAt', 'nickname', 'score', 'rank', 'players', 'correct', 'answered', 'groupName'] as const,
          page.games.map((g) => ({ ...g })),
        );
        break;
      case 'reviews':
        body = csvTable(
          ['reviewedAt', 'deckId', 'cardId', 'source', 'verdict', 'rating', 'selfRated', 'elapsedMs', 'phase', 'stability', 'difficulty', 'due', 'scheduledDays'] as const,
          review.reviews.map((r) => ({ ...r })),
        );
        break;
      case 'cards':
        body = csvTable(
          ['deckId', 'cardId', 'phase', 'due', 'stability', 'difficulty', 'scheduledDays', 'reps', 'lapses', 'lastReview'] as const,
          review.cards.map((c) => ({ ...c })),
        );
        break;
      default: {
        const never: never = rows;
        throw new Error(`unknown rows ${String(never)}`);
      }
    }
    return new Response(body, { headers: downloadHeaders('csv', name) });
  } catch (e) {
    return handleError(e);
  }
}
