import { z } from 'zod';
import { DeckIdSchema } from '@/decks/types';
import { policyText } from '@/protocol/text';
import { deckError } from './http';
import { parseJsonBody } from '@/server/http';
import { getServices } from '@/server/services/container';

export const dynamic = 'force-dynamic';

export async function GET(): Promise<Response> {
  try {
    return Response.json({ decks: await getServices().decks.list() });
  } catch (e) {
    return deckError(e);
  }
}

const ImportBodySchema = z.object({
  fileName: policyText('name', 'the file name', 1, 200).default('deck.md'),
  text: z.string().min(1, 'the file is empty').max(1_000_000),
  id: DeckIdSchema.optional(),
  /** The edit token of the deck with this id: replace it instead of saving under a new id. */
  editToken: z.string().min(16).max(128).optional(),
});

/**
 * Imports a Markdown deck (paste or upload on /decks). A taken id gets a new one unless `editToken` is that
 * deck's; the answer says which. Errors name their lines (`message`, and `issues: [{ line, message }]`).
 */
export async function POST(req: Request): Promise<Response> {
  const body = await parseJsonBody(req, ImportBodySchema, 2_000_000);
  if (body instanceof Response) return body;
  try {
    const out = await getServices().decks.importText(body.text, body.fileName, { id: body.id, editToken: body.editToken });
    return Response.json(out, { status: out.replaced ? 200 : 201 });
  } catch (e) {
    return deckError(e);
  }
}
