import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseDeck } from '../../../src/decks/parse';
import type { Card, Deck } from '../../../src/decks/types';
import { expect, it } from 'vitest';
import {
  compileCard,
  gradeAnswer,
  type Grade,
  type GradingCard,
  type Verdict,
} from '../../../src/game/grading';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const BUILTIN_PATH = `${ROOT}src/decks/builtin/kubernetes-networking.md`;
export const SEED_PATH = `${ROOT}tests/fixtures/networking-seed.md`;
export const EVAL_SET_PATH = `${ROOT}tests/grading/eval-set.jsonl`;
export const BLIND_TUNE_PATH = `${ROOT}tests/grading/blind-tune.jsonl`;
export const BLIND_HOLDOUT_PATH = `${ROOT}tests/grading/blind-holdout.jsonl`;
/** The second blind holdout: measured once (94.4%), now tuning data. */
export const BLIND2_HOLDOUT_PATH = `${ROOT}tests/grading/blind2-holdout.jsonl`;
/** The third blind holdout: measured once (94.0%), now tuning data. */
export const BLIND3_HOLDOUT_PATH = `${ROOT}tests/grading/blind3-holdout.jsonl`;
/** Written blind for tuning. */
export const BLIND5_TUNE_PATH = `${ROOT}tests/grading/blind5-tune.jsonl`;
export const BLIND6_TUNE_PATH = `${ROOT}tests/grading/blind6-tune.jsonl`;
export const BLIND7_TUNE_PATH = `${ROOT}tests/grading/blind7-tune.jsonl`;
export const BLIND9_TUNE_PATH = `${ROOT}tests/grading/blind9-tune.jsonl`;
export const BLIND11_TUNE_PATH = `${ROOT}tests/grading/blind11-tune.jsonl`;
/** The eighth blind set: measured once as a holdout (93.3%), now tuning data. */
export const BLIND8_HOLDOUT_PATH = `${ROOT}tests/grading/blind8-holdout.jsonl`;
/** The twelfth blind set: measured once as a holdout (91.3%), now tuning data. */
export const BLIND12_HOLDOUT_PATH = `${ROOT}tests/grading/blind12-holdout.jsonl`;
/** The fourth blind holdout: measured once (91.2%), now tuning data. */
export const BLIND4_HOLDOUT_PATH = `${ROOT}tests/grading/blind4-holdout.jsonl`;

/** Parses a deck file or throws with its errors. */
export function loadDeckFile(path: string): Deck {
  const r = parseDeck(readFileSync(path, 'utf8'), { fileName: path.split('/').pop() ?? path });
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.line}: ${e.message}`).join('\n'));
  return r.deck;
}

let builtin: Deck | null = null;
const compiled = new Map<string, GradingCard>();

/** The built-in deck, parsed once. */
export function builtinDeck(): Deck {
  builtin ??= loadDeckFile(BUILTIN_PATH);
  return builtin;
}

/** A built-in card by its exact prompt. */
export function builtinCard(prompt: string): Card {
  const card = builtinDeck().cards.find((c) => c.prompt === prompt);
  if (!card) throw new Error(`no card ${prompt}`);
  return card;
}

/** Grades `answer` against the built-in card with this prompt. */
export function gradeBuiltin(prompt: string, answer: string): Grade {
  let c = compiled.get(prompt);
  if (!c) {
    c = compileCard(builtinCard(prompt));
    compiled.set(prompt, c);
  }
  return gradeAnswer(c, answer);
}

export interface EvalRow {
  question: string;
  answer: string;
  label: 'correct' | 'partial' | 'incorrect';
  split: 'tune' | 'holdout';
}

/** A hand-labelled answer set (JSON lines). */
export function readRows(path: string): EvalRow[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as EvalRow);
}

/** The original author's hand-labelled eval set. */
export function evalRows(): EvalRow[] {
  return readRows(EVAL_SET_PATH);
}

/** One test per case: [name, prompt of a built-in card, typed answer, expected verdict]. */
export function checkBuiltin(
  cases: [name: string, prompt: string, answer: string, verdict: Verdict][],
): void {
  for (const [name, prompt, answer, verdict] of cases) {
    it(`${name}: ${JSON.stringify(answer)} -> ${verdict}`, () => {
      expect(gradeBuiltin(prompt, answer).verdict).toBe(verdict);
    });
  }
}
