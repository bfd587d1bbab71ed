import { z } from 'zod';
import { bearer } from '@/server/bearer';
import { parseJsonBody } from '@/server/http';
import { getServices } from '@/server/services/container';
import { deckError, deckIdOf, type DeckCtx } from '../../http';

export const dynamic = 'force-dynamic';

/** The deck's learned examples: `{ examples: [{ id, cardId, text, verdict, roomId, createdAt }] }`. */
export async function GET(_req: Request, ctx: DeckCtx): Promise<Response> {
  const id = await deckIdOf(ctx);
  if (id instanceof Response) return id;
  try {
    return Response.json({ examples: await getServices().decks.examples(id) });
  } catch (e) {
    return deckError(e);
  }
}

const ExampleBodySchema = z.object({
  cardId: z.string().min(1).max(100),
  text: z.string().min(1).max(1000),
  verdict: z.enum(['accept', 'wrong']),
});

/** The owner adds an accepted or wrong example to a card (edit token as bearer). */
export async function POST(req: Request, ctx: DeckCtx): Promise<Response> {
  const id = await deckIdOf(ctx);
  if (id instanceof Response) return id;
  const body = await parseJsonBody(req, ExampleBodySchema, 10_000);
  if (body instanceof Response) return body;
  try {
    const example = await getServices().decks.addExample(id, bearer(req), body.cardId, body.text, body.verdict);
    return Response.json(example, { status: 201 });
  } catch (e) {
    return deckError(e);
  }
}
