import { z } from 'zod';
import { parseJsonBody } from '@/server/http';
import { getServices } from '@/server/services/container';
import { deckError, deckIdOf, type DeckCtx } from '../../http';

export const dynamic = 'force-dynamic';

const TryBodySchema = z.object({ cardId: z.string().min(1).max(100), text: z.string().max(1000) });

/** Grades a typed answer against one card as a game would: `{ verdict, score, matched, missing }`. */
export async function POST(req: Request, ctx: DeckCtx): Promise<Response> {
  const id = await deckIdOf(ctx);
  if (id instanceof Response) return id;
  const body = await parseJsonBody(req, TryBodySchema, 10_000);
  if (body instanceof Response) return body;
  try {
    return Response.json(await getServices().decks.tryAnswer(id, body.cardId, body.text));
  } catch (e) {
    return deckError(e);
  }
}
