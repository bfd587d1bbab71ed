/**
 * Grades typed answers from stdin against a deck.
 *
 *   npm run --silent grade -- --deck kubernetes-networking < answers.jsonl
 *
 * Input: one JSON object per line, `{"question": "<prompt>", "answer": "<typed text>"}`.
 * Output: one JSON line per non-blank input line, `{"question", "answer", "verdict", "score",
 * "matched", "missing", "explanation", "unsure", "group"}`, or `{"error": "..."}` for a line that cannot
 * be graded (bad JSON, unknown question). The process never crashes on bad input lines. The deck is
 * compiled as a whole, with WordNet data for its words, as a room compiles it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { foldSpaces } from '../../src/contract';
import { parseDeck } from '../../src/decks/parse';
import type { Deck } from '../../src/decks/types';
import { compileDeck, gradeAnswer, lexiconWords, type GradingCard, type LexiconData } from '../../src/game/grading';
import { readWordNet } from '../../src/lexicon/wordnet';

const BUILTIN_DIR = fileURLToPath(new URL('../../src/decks/builtin/', import.meta.url));

/**
 * Resolves a deck reference: a built-in deck id (e.g. `kubernetes-networking`) or a file path.
 * @param ref - id or path
 * @returns the file path
 */
export function resolveDeckPath(ref: string): string {
  if (/^[a-z0-9][a-z0-9-]*$/.test(ref)) {
    const builtin = `${BUILTIN_DIR}${ref}.md`;
    if (existsSync(builtin)) return builtin;
  }
  return ref;
}

/**
 * Loads and parses a deck by built-in id or path.
 * @param ref - id or path
 * @returns the deck, or an error message
 */
export function loadDeck(ref: string): { ok: true; deck: Deck } | { ok: false; error: string } {
  const path = resolveDeckPath(ref);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    return { ok: false, error: `cannot read deck "${ref}": ${(e as Error).message}` };
  }
  const parsed = parseDeck(text, { fileName: basename(path) });
  if (!parsed.ok) {
    const lines = parsed.errors.map((e) => `  line ${e.line}: ${e.message}`).join('\n');
    return { ok: false, error: `deck "${ref}" has errors:\n${lines}` };
  }
  return { ok: true, deck: parsed.deck };
}

/**
 * Normalises a prompt for lookup: trimmed, lower case, inner whitespace collapsed.
 * @param prompt - a question as typed or as in the deck
 */
export function promptKey(prompt: string): string {
  return foldSpaces(prompt).toLowerCase();
}

/** Looks cards up by prompt and grades answers, with the whole deck compiled once (as a room does). */
export class DeckGrader {
  private readonly byPrompt = new Map<string, GradingCard>();

  constructor(deck: Deck, lexicon: LexiconData = readWordNet(lexiconWords(deck.cards))) {
    const compiled = compileDeck(deck.cards, { lexicon });
    for (const c of compiled.cards) this.byPrompt.set(promptKey(c.card.prompt), c);
  }

  /**
   * Grades one input line (JSON text). Never throws.
   * @param line - `{"question", "answer"}` as JSON
   * @returns the output object for that line
   */
  gradeLine(line: string): Record<string, unknown> {
    let input: unknown;
    try {
      input = JSON.parse(line);
    } catch {
      return { error: 'invalid JSON' };
    }
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      return { error: 'expected a JSON object with "question" and "answer"' };
    }
    const { question, answer } = input as { question?: unknown; answer?: unknown };
    if (typeof question !== 'string') return { error: 'missing "question" (a string)' };
    if (typeof answer !== 'string') return { error: 'missing "answer" (a string)', question };
    const compiled = this.byPrompt.get(promptKey(question));
    if (!compiled) return { error: `unknown question: ${JSON.stringify(question.slice(0, 200))}`, question };
    try {
      const g = gradeAnswer(compiled, answer);
      return {
        question,
        answer,
        verdict: g.verdict,
        score: g.score,
        matched: g.matched,
        missing: g.missing,
        explanation: g.explanation,
        unsure: g.unsure,
        group: g.group,
      };
    } catch (e) {
      return { error: `grading failed: ${(e as Error).message}`, question };
    }
  }
}

function argValue(args: readonly string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i >= 0) return args[i + 1];
  const eq = args.find((a) => a.startsWith(`${name}=`));
  return eq?.slice(name.length + 1);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write('usage: grade --deck <built-in id | path> < answers.jsonl\n');
    return;
  }
  const deckRef = argValue(args, '--deck');
  if (!deckRef) {
    process.stderr.write('usage: grade --deck <built-in id | path> < answers.jsonl\n');
    process.exit(2);
  }
  const loaded = loadDeck(deckRef);
  if (!loaded.ok) {
    process.stderr.write(`${loaded.error}\n`);
    process.exit(1);
  }
  const grader = new DeckGrader(loaded.deck);
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of rl) {
    if (line.trim() === '') continue;
    process.stdout.write(`${JSON.stringify(grader.gradeLine(line))}\n`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  void main();
}
