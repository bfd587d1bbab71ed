import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isSealed } from '../cli/eval-grading';

/**
 * Typed answers for the bots, from the hand-labelled answer sets in tests/grading (never a sealed holdout):
 * real phrasing, real lengths, right and wrong, so grading costs in the bench what it costs with people.
 */
export interface AnswerPool {
  right: string[];
  wrong: string[];
}

export function loadAnswerPools(dir = path.join(process.cwd(), 'tests/grading')): Map<string, AnswerPool> {
  const pools = new Map<string, AnswerPool>();
  let files: string[] = [];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.jsonl') && !isSealed(path.join(dir, f)));
  } catch {
    return pools; // no test data (a trimmed install): the bots fall back to their few fixed texts
  }
  for (const f of files) {
    for (const line of readFileSync(path.join(dir, f), 'utf8').split('\n')) {
      if (line.trim() === '') continue;
      const r = JSON.parse(line) as { question?: unknown; answer?: unknown; label?: unknown; deck?: unknown };
      if (typeof r.question !== 'string' || typeof r.answer !== 'string' || r.answer.trim() === '') continue;
      // the bots play the built-in deck: other decks' answer sets name their deck
      if (r.deck !== undefined) continue;
      const key = r.question.toLowerCase();
      let p = pools.get(key);
      if (!p) {
        p = { right: [], wrong: [] };
        pools.set(key, p);
      }
      (r.label === 'correct' ? p.right : p.wrong).push(r.answer);
    }
  }
  return pools;
}
