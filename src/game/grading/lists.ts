/**
 * "Name some X" questions: the valid items are the reference's bullet items and the names it lists
 * ("Others include A, B and C"); an answer is graded by how many valid items it names, and an item the
 * deck knows as something else (another card's subject, a word of another card and of no item) sinks it. Pure.
 */
import type { DeckModel } from './deck';
import { stemMatches } from './reference';
import { tokenize, type Tokens } from './text';

/** One valid item of a list question. */
export interface ListItem {
  readonly label: string;
  /** The item's name as stems (concepts folded); the first word is enough when it is distinctive. */
  readonly stems: readonly string[];
}

/** A list question. */
export interface ListModel {
  readonly items: readonly ListItem[];
  /** How many valid items make a full answer. */
  readonly need: number;
  /** What the items are ("CNI plugins"), for explanations. */
  readonly noun: string;
}

const COUNT_WORDS: ReadonlyMap<string, number> = new Map([
  ['two', 2],
  ['three', 3],
  ['four', 4],
  ['five', 5],
  ['2', 2],
  ['3', 3],
  ['4', 4],
  ['5', 5],
]);

/** "Name some ...", "List three ...", "Give two examples of ...", "Types of ...?", "What are the ... types?" */
const LIST_PROMPT =
  /^(?:(?:name|list|give|mention)\s+(?:(?:some|a few|few|several|any|the|all|two|three|four|five|\d)\b\s*)?(?:examples?\s+of\s+)?(.*)|(?:what\s+are\s+(?:the\s+)?)?(?:main\s+|different\s+)?(types|kinds)\s+of\s+(.*)|what\s+are\s+(?:the\s+)?(?:main\s+|different\s+)?(.*?)\s+(?:types|kinds))\??$/i;

/** How many items a list prompt asks for, and what they are; null when it is not a list question. */
export function listPrompt(prompt: string): { need: number | null; noun: string; all: boolean } | null {
  const p = prompt.trim().replace(/[.?!]+$/, '');
  const m = LIST_PROMPT.exec(p);
  if (!m) return null;
  const count = /\b(two|three|four|five|[2-5])\b/i.exec(p);
  const need = count ? (COUNT_WORDS.get(count[1]!.toLowerCase()) ?? null) : null;
  const noun = (m[1] ?? m[3] ?? m[4] ?? '').trim();
  const all = m[2] !== undefined || m[4] !== undefined || /\b(all|the)\b/i.test(p.split(' ')[1] ?? '');
  return { need, noun, all };
}

/** The name at the start of a bullet ("Calico – routed networking" -> "Calico"). */
function itemHead(text: string): string {
  const cut = text.split(/\s+[–—-]\s+|:\s+|\s*\(|,\s+/)[0] ?? text;
  return cut.replace(/[`*_]/g, '').trim();
}

/**
 * Builds the list model of a card, or null when the card is not a list question or its reference
 * lists nothing.
 */
export function compileList(model: DeckModel, prompt: string, answer: string): ListModel | null {
  const lp = listPrompt(prompt);
  if (!lp) return null;
  const opts = { memo: model.memo, aliases: model.aliases, words: model.words };
  const items: ListItem[] = [];
  const add = (label: string): void => {
    const t = tokenize(label, opts);
    if (t.stems.length === 0 || t.stems.length > 4) return;
    if (items.some((i) => i.stems.join(' ') === t.stems.join(' '))) return;
    items.push({ label, stems: t.stems });
  };
  for (const raw of answer.split('\n')) {
    const line = raw.trim();
    const bullet = /^([*\-•+]|\d+[.)])\s+/.exec(line);
    if (bullet) {
      add(itemHead(line.slice(bullet[0].length)));
      continue;
    }
    // "Others include Canal, Antrea and Kube-router", "such as X, Y or Z", "e.g. X, Y"
    const m = /\b(?:include|includes|including|such as|e\.g\.|for example|like)\s+(.+)/i.exec(line);
    if (m) {
      for (const part of m[1]!.split(/,\s*|\s+(?:and|or)\s+/)) {
        const head = part
          .replace(/^(?:the|a|an|cloud plugins such as)\s+/i, '')
          .replace(/[.…]+$/, '')
          .trim();
        if (head !== '' && head.split(/\s+/).length <= 4) add(head);
      }
    }
  }
  if (items.length < 2) return null;
  const need = Math.min(items.length, lp.need ?? (lp.all ? Math.min(items.length, 3) : 2));
  return { items, need, noun: lp.noun };
}

/** What an answer names of a list. */
export interface ListReading {
  /** Labels of the valid items named. */
  readonly named: readonly string[];
  /** Things named that the deck knows as something else. */
  readonly wrong: readonly string[];
  /** Answer words that are neither (unknown names, fillers). */
  readonly unknown: number;
}

/**
 * Reads an answer to a list question.
 * @param others - stems the deck uses on other cards and in none of this card's items (wrong items)
 */
export function readList(
  model: DeckModel,
  list: ListModel,
  a: Tokens,
  otherConcepts: ReadonlySet<string>,
  given: ReadonlySet<string>,
): ListReading {
  const used = new Uint8Array(a.stems.length);
  const named: string[] = [];
  for (const item of list.items) {
    for (let i = 0; i < a.stems.length; i++) {
      if (used[i] || a.neg[i]) continue;
      let ok = true;
      // the first word of a multi-word item is enough when it is the distinctive one ("weave" for "Weave Net")
      const k = stemMatches(model, a.stems[i]!, item.stems[0]!) ? 1 : 0;
      if (k === 0) ok = false;
      if (ok) {
        used[i] = 1;
        for (let j = 1; j < item.stems.length && i + j < a.stems.length; j++) {
          if (stemMatches(model, a.stems[i + j]!, item.stems[j]!)) used[i + j] = 1;
        }
        if (!named.includes(item.label)) named.push(item.label);
        break;
      }
    }
  }
  const wrong: string[] = [];
  let unknown = 0;
  for (let i = 0; i < a.stems.length; i++) {
    if (used[i] || given.has(a.stems[i]!)) continue;
    if (otherConcepts.has(a.stems[i]!)) {
      const raw = a.raws[i]!;
      if (!wrong.includes(raw)) wrong.push(raw);
    } else unknown++;
  }
  return { named, wrong, unknown };
}
