import { DeckIdSchema } from '@/decks/types';
import { handleError, jsonError } from '@/server/http';
import type { DeckIssue } from '@/decks/types';

/** Helpers shared by the deck routes (colocated; only `route.ts` files are served). */

/** The line-numbered problems of a deck text error (DeckTextError, recognised by shape across module copies). */
function deckIssuesOf(e: unknown): DeckIssue[] | null {
  if (typeof e !== 'object' || e === null || !('issues' in e)) return null;
  const issues = (e as { issues: unknown }).issues;
  return Array.isArray(issues) ? (issues as DeckIssue[]) : null;
}

/** A service error as JSON; deck text errors also carry `issues: [{ line, message }]` for editors. */
export function deckError(e: unknown): Response {
  const issues = deckIssuesOf(e);
  if (issues && e instanceof Error) {
    return Response.json({ error: { code: 'bad_request', message: e.message, issues } }, { status: 400 });
  }
  return handleError(e);
}

export type DeckCtx = { params: Promise<{ id: string }> };

/** The deck id of the path, or a 404 response. */
export async function deckIdOf(ctx: DeckCtx): Promise<string | Response> {
  const parsed = DeckIdSchema.safeParse((await ctx.params).id);
  return parsed.success ? parsed.data : jsonError(404, 'deck_not_found', 'No such deck.');
}
