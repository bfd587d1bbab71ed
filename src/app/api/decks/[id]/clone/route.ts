import { z } from 'zod';
import { parseJsonBody } from '@/server/http';
import { getServices } from '@/server/services/container';
import { deckError, deckIdOf, type DeckCtx } from '../../http';

export const dynamic = 'force-dynamic';

const CloneBodySchema = z.object({ title: z.string().trim().max(200).optional() });

/** A copy of the deck (built-in ones too) with its own edit token, shown once in the answer. */
export async function POST(req: Request, ctx: DeckCtx): Promise<Response> {
  const id = await deckIdOf(ctx);
  if (id instanceof Response) return id;
  const body = await parseJsonBody(req, CloneBodySchema, 10_000);
  if (body instanceof Response) return body;
  try {
    return Response.json(await getServices().decks.clone(id, body.title), { status: 201 });
  } catch (e) {
    return deckError(e);
  }
}
