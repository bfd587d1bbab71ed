import { z } from 'zod';
import { DeckIdSchema } from '@/decks/types';
import { policyText } from '@/protocol/text';
import { handleError, parseJsonBody } from '@/server/http';
import { getServices } from '@/server/services/container';

export const dynamic = 'force-dynamic';

export async function GET(): Promise<Response> {
  try {
    return Response.json({ decks: await getServices().decks.list() });
  } catch (e) {
    return handleError(e);
  }
}

const ImportBodySchema = z.object({
  fileName: policyText('name', 'the file name', 1, 200).default('deck.md'),
  text: z.string().min(1, 'the file is empty').max(1_000_000),
  id: DeckIdSchema.optional(),
});

/** Imports a Markdown deck (the upload on /decks). Errors name their lines. */
export async function POST(req: Request): Promise<Response> {
  const body = await parseJsonBody(req, ImportBodySchema, 2_000_000);
  if (body instanceof Response) return body;
  try {
    const out = await getServices().decks.importText(body.text, body.fileName, body.id);
    return Response.json(out, { status: 201 });
  } catch (e) {
    return handleError(e);
  }
}
