import { z } from 'zod';
import { parseJsonBody } from '@/server/http';
import { getServices } from '@/server/services/container';
import { deckError } from '../../decks/http';

export const dynamic = 'force-dynamic';

const TryCardBodySchema = z.object({ card: z.unknown(), text: z.string().max(1000) });

/** Grades a typed answer against a card that is not stored yet (the preview before an import). */
export async function POST(req: Request): Promise<Response> {
  const body = await parseJsonBody(req, TryCardBodySchema, 100_000);
  if (body instanceof Response) return body;
  try {
    return Response.json(getServices().decks.tryCard(body.card, body.text));
  } catch (e) {
    return deckError(e);
  }
}
