import unhomoglyph from 'unhomoglyph';
import { removeAllInvisible } from '../contract';

/**
 * The key two nicknames clash on [R2.3]: case-, accent- and space-insensitive, and confusable-insensitive by
 * Unicode's confusable mapping (the UTS #39 skeleton, with the `unhomoglyph` package's copy of confusables.txt).
 * "alice", "ALICE", "Alicé", "alice" with Cyrillic "а" and "alice" with a zero-width space all clash, and so do
 * "rn" and "m" or "b0b" and "bob"; inner spaces are folded, not removed, so "a lice" and "alice" stay apart.
 *
 * The table is about 30 KB gzipped: it stays here on the server (src/game is never bundled for the phone) and
 * the phone only folds and cleans (src/contract/text-policy.ts), so a clash it cannot foresee comes back as
 * `nickname_taken`. Not for display: a skeleton mixes scripts and is meant only for comparison.
 */
export function nicknameKey(nickname: string): string {
  const base = stripMarks(removeAllInvisible(nickname).normalize('NFKD'))
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
  // Lower case first, so case never splits two names; again after, because the mapping's targets are mixed case
  // ("0" -> "O").
  return stripMarks(unhomoglyph(base).normalize('NFKD')).toLowerCase();
}

function stripMarks(text: string): string {
  return text.replace(/\p{M}/gu, '');
}
