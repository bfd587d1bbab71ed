import { bearer } from '@/server/bearer';
import { getServices } from '@/server/services/container';
import { deckError, deckIdOf, type DeckCtx } from '../../http';

export const dynamic = 'force-dynamic';

/** `{ owner: true }` when the bearer is the deck's edit token; 403 `not_owner` / `read_only` otherwise. */
export async function GET(req: Request, ctx: DeckCtx): Promise<Response> {
  const id = await deckIdOf(ctx);
  if (id instanceof Response) return id;
  try {
    return Response.json(await getServices().decks.checkOwner(id, bearer(req)));
  } catch (e) {
    return deckError(e);
  }
}
