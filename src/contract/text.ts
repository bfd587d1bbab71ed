/**
 * Text normalisation shared by the game, the protocol and the browser, so a name the phone accepts is the name
 * the server stores.
 */

/** Folds every run of whitespace into one space and trims the ends [R2.2]. */
export function foldSpaces(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Length in code points: an emoji or an accented letter typed as one character counts as one. */
export function charCount(text: string): number {
  let n = 0;
  for (const _ of text) n += 1;
  return n;
}
