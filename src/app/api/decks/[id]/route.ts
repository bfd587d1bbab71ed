import { z } from 'zod';
import { bearer } from '@/server/bearer';
import { jsonError, parseJsonBody } from '@/server/http';
import { getServices } from '@/server/services/container';
import { deckError, deckIdOf, type DeckCtx } from '../http';

export const dynamic = 'force-dynamic';

/** A deck with every card rendered as players see it, its key ideas and learned examples. */
export async function GET(_req: Request, ctx: DeckCtx): Promise<Response> {
  const id = await deckIdOf(ctx);
  if (id instanceof Response) return id;
  try {
    const page = await getServices().decks.page(id);
    return page ? Response.json(page) : jsonError(404, 'deck_not_found', `No deck "${id}".`);
  } catch (e) {
    return deckError(e);
  }
}

const UpdateBodySchema = z.object({
  text: z.string().min(1, 'the deck is empty').max(1_000_000),
  fileName: z.string().trim().min(1).max(200).optional(),
});

/** Replaces the deck with new Markdown (edit token as bearer). Errors name their lines. */
export async function PUT(req: Request, ctx: DeckCtx): Promise<Response> {
  const id = await deckIdOf(ctx);
  if (id instanceof Response) return id;
  const body = await parseJsonBody(req, UpdateBodySchema, 2_000_000);
  if (body instanceof Response) return body;
  try {
    return Response.json(await getServices().decks.update(id, bearer(req), body.text, body.fileName));
  } catch (e) {
    return deckError(e);
  }
}

/** Deletes the deck (edit token as bearer); rooms that played it keep their results. */
export async function DELETE(req: Request, ctx: DeckCtx): Promise<Response> {
  const id = await deckIdOf(ctx);
  if (id instanceof Response) return id;
  try {
    await getServices().decks.remove(id, bearer(req));
    return new Response(null, { status: 204 });
  } catch (e) {
    return deckError(e);
  }
}
