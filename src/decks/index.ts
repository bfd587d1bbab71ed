import type { DeckIssue } from './types';

export { parseDeck, cleanQuestion, type ParseDeckOptions } from './parse';
export { repairMojibake, decodeWindows1252 } from './mojibake';
export { serializeDeck, serializeDeckWithLines, type LearnedLines, type SerializeOptions } from './serialize';
export * from './types';

/** Letters that Unicode decomposition does not reduce to ASCII but that have a usual ASCII spelling. */
const ASCII_SPELLINGS: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ł: 'l',
  ı: 'i',
};

/**
 * Makes a deck id from a title: lowercase ASCII letters, digits and dashes, at most 63 characters, so
 * the result always satisfies DeckIdSchema (`☸️ Kubernetes Networking` -> `kubernetes-networking`).
 * Accents are dropped (`Café` -> `cafe`); a title with nothing usable gives `deck`.
 *
 * @param title - a deck title, any script
 * @returns a valid deck id
 */
export function slugifyDeckId(title: string): string {
  const slug = title
    .toLowerCase()
    .replace(/[ßæœøđðþłı]/g, (ch) => ASCII_SPELLINGS[ch] ?? ch)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, 63)
    .replace(/-+$/, '');
  return slug === '' ? 'deck' : slug;
}

/**
 * Formats deck problems one per line as `file:line: message`, the shape editors and terminals link.
 *
 * @param errors - problems from parseDeck (errors or warnings)
 * @param fileName - the name to show for the file
 * @returns the lines joined with `\n` (empty string for no problems)
 */
export function formatDeckErrors(errors: readonly DeckIssue[], fileName = 'deck.md'): string {
  return errors.map((e) => `${fileName}:${e.line}: ${e.message}`).join('\n');
}
