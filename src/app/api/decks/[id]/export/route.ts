import { getServices } from '@/server/services/container';
import { deckError, deckIdOf, type DeckCtx } from '../../http';

export const dynamic = 'force-dynamic';

/** The deck as a Markdown file (learned examples as `Accept:`/`Wrong:` lines); `?inline=1` shows it in the browser. */
export async function GET(req: Request, ctx: DeckCtx): Promise<Response> {
  const id = await deckIdOf(ctx);
  if (id instanceof Response) return id;
  try {
    const { fileName, text } = await getServices().decks.exportMarkdown(id);
    const inline = new URL(req.url).searchParams.get('inline') === '1';
    return new Response(text, {
      headers: {
        'content-type': 'text/markdown; charset=utf-8',
        'content-disposition': `${inline ? 'inline' : 'attachment'}; filename="${fileName}"`,
        'x-content-type-options': 'nosniff',
      },
    });
  } catch (e) {
    return deckError(e);
  }
}
