import { bearer } from '@/server/bearer';
import { jsonError } from '@/server/http';
import { getServices } from '@/server/services/container';
import { deckError, deckIdOf } from '../../../http';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ id: string; exampleId: string }> };

/** Removes a learned example (edit token as bearer). */
export async function DELETE(req: Request, ctx: Ctx): Promise<Response> {
  const id = await deckIdOf(ctx);
  if (id instanceof Response) return id;
  const { exampleId } = await ctx.params;
  if (!/^[\w-]{1,64}$/.test(exampleId)) return jsonError(404, 'bad_request', 'No such example in this deck.');
  try {
    await getServices().decks.removeExample(id, bearer(req), exampleId);
    return new Response(null, { status: 204 });
  } catch (e) {
    return deckError(e);
  }
}
