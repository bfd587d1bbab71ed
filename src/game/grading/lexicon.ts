/**
 * Lexical data the grader receives for a deck's words (synonyms, derived forms, antonyms). It is plain
 * data, read from WordNet outside the game (`src/lexicon/wordnet.ts`) for only the words a deck uses,
 * so grading stays pure and the memory it adds is per deck, not a dictionary.
 */

/** What WordNet says about one word (all words lower case, phrases spaced). */
export interface LexEntry {
  /** The word's base forms ("routes" -> "route"). */
  readonly bases: readonly string[];
  /** Other words of its most common senses ("persist" -> "endure", "prevail"). */
  readonly synonyms: readonly string[];
  /** Derivationally related forms ("allocate" -> "allocation", "allocator"). */
  readonly derived: readonly string[];
  /** Opposites ("inside" -> "outside", "permanent" -> "temporary"). */
  readonly antonyms: readonly string[];
}

/** Entries by word. */
export type LexiconData = ReadonlyMap<string, LexEntry>;

export const EMPTY_LEXICON: LexiconData = new Map();
