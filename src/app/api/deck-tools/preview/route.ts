import { z } from 'zod';
import { DeckIdSchema } from '@/decks/types';
import { parseJsonBody } from '@/server/http';
import { getServices } from '@/server/services/container';
import { deckError } from '../../decks/http';

export const dynamic = 'force-dynamic';

const PreviewBodySchema = z.object({
  text: z.string().min(1, 'the deck is empty').max(1_000_000),
  fileName: z.string().trim().min(1).max(200).default('deck.md'),
  id: DeckIdSchema.optional(),
});

/**
 * Parses deck Markdown without storing it: `{ ok: true, title, cards (rendered as players see them), warnings,
 * target: { id, taken, builtin } }` or `{ ok: false, errors: [{ line, message }] }`.
 */
export async function POST(req: Request): Promise<Response> {
  const body = await parseJsonBody(req, PreviewBodySchema, 2_000_000);
  if (body instanceof Response) return body;
  try {
    return Response.json(await getServices().decks.preview(body.text, body.fileName, body.id));
  } catch (e) {
    return deckError(e);
  }
}
