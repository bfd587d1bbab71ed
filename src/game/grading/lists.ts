/**
 * "Name some X" questions: the valid items are the reference's bullet items or the names its first
 * enumeration lists ("Blob, tree, commit and tag"), plus those it adds ("Others include A, B and C");
 * the names an enumeration after "by contrast" / "unlike" lists are known wrong items. An answer is
 * graded by how many valid items it names; a wrong item, or a word the deck uses for something else,
 * sinks it. Pure.
 */
import type { DeckModel } from './deck';
import { stemMatches } from './reference';
import { tokenize, type Tokens } from './text';

/** One item of a list question. */
export interface ListItem {
  readonly label: string;
  /** The item's name as stems (concepts folded); its first word is enough when it is distinctive. */
  readonly stems: readonly string[];
}

/** A list question. */
export interface ListModel {
  readonly items: readonly ListItem[];
  /** Items the reference names as not belonging ("By contrast, list, dict and set are mutable"). */
  readonly wrongItems: readonly ListItem[];
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
  ['six', 6],
  ['2', 2],
  ['3', 3],
  ['4', 4],
  ['5', 5],
  ['6', 6],
]);

/** "Name some ...", "List the three ...", "Give two examples of ...", "Types of ...?", "What are the ... types?" */
const LIST_PROMPT =
  /^(?:(?:name|list|give|mention)\s+(?:(?:some|a few|few|several|any|the|all|two|three|four|five|six|\d)\s+)*(?:examples?\s+of\s+)?(.*)|(?:what\s+are\s+(?:the\s+)?)?(?:main\s+|different\s+)?(types|kinds)\s+of\s+(.*)|what\s+are\s+(?:the\s+)?(?:main\s+|different\s+)?(.*?)\s+(?:types|kinds))\??$/i;

/** How many items a list prompt asks for, and what they are; null when it is not a list question. */
export function listPrompt(prompt: string): { need: number | null; noun: string; all: boolean } | null {
  const p = prompt
    .trim()
    .replace(/[`*_]/g, '')
    .replace(/[.?!]+$/, '');
  const m = LIST_PROMPT.exec(p);
  if (!m) return null;
  const count = /\b(two|three|four|five|six|[2-6])\b/i.exec(p);
  const need = count ? (COUNT_WORDS.get(count[1]!.toLowerCase()) ?? null) : null;
  const noun = (m[1] ?? m[3] ?? m[4] ?? '')
    .replace(/^(?:the|all|types?\s+of|kinds?\s+of)\s+/i, '')
    .replace(/\s+(?:that|which|who|in|of)\s.*$/i, '')
    .trim();
  const all = m[2] !== undefined || m[4] !== undefined || /^(?:name|list)\s+(?:all|the)\b/i.test(p);
  return { need, noun, all };
}

/** The name at the start of an item ("Calico – routed networking" -> "Calico"). */
function itemHead(text: string): string {
  const cut = text.split(/\s+[–—-]\s+|:\s+|\s*\(|,\s+|\s+which\s|\s+that\s/)[0] ?? text;
  return cut.replace(/[`*_]/g, '').trim();
}

/** The names of an enumeration ("A, B, C and D are ...": A, B, C, D), or [] when the text lists nothing. */
function enumeration(sentence: string): string[] {
  const plain = sentence.replace(/\([^)]*\)/g, ' ').replace(/[`*_]/g, '');
  // the list ends where its predicate starts ("... and `NoneType` are immutable")
  const body = plain.split(/\s+(?:are|is|were|was)\s+/)[0] ?? plain;
  const parts = body
    .split(/,\s*|\s+(?:and|or)\s+/)
    .map((x) => x.trim())
    .filter((x) => x !== '' && !/^(?:which|that|who)\b/i.test(x));
  const heads = parts
    .map((x) =>
      itemHead(x.replace(/^(?:by contrast|in contrast|unlike|but|whereas|e\.g\.|and|or)\b\s*,?\s*/i, ''))
        .replace(/[.;:!?]+$/, '')
        .trim(),
    )
    .map((h) => /\bsuch as\s+(?:the\s+)?(.+)$/i.exec(h)?.[1] ?? h)
    .filter((h) => h !== '');
  // "DNS and DHCP usually run over UDP": the last name ends where the sentence goes on in small letters
  const last = heads[heads.length - 1];
  if (last !== undefined && last.split(/\s+/).length > 3) {
    const names = /^((?:[A-Z0-9][\w./-]*\s*){1,3})(?=\s[a-z])/.exec(last);
    if (names) heads[heads.length - 1] = names[1]!.trim();
  }
  const short = heads.filter((h) => h.split(/\s+/).length <= 3);
  // a sentence with a list in it names mostly short things; prose does not
  if (short.length < 2 || short.length < heads.length / 2) return [];
  return short;
}

/**
 * Builds the list model of a card, or null when the card is not a list question or its reference
 * lists nothing.
 */
export function compileList(model: DeckModel, prompt: string, answer: string): ListModel | null {
  const lp = listPrompt(prompt);
  if (!lp) return null;
  const items: ListItem[] = [];
  const wrongItems: ListItem[] = [];
  const add = (label: string, into: ListItem[]): void => {
    const t = tokenize(label, model.opts);
    if (t.stems.length === 0 || t.stems.length > 4) return;
    if ([...items, ...wrongItems].some((i) => i.stems.join(' ') === t.stems.join(' '))) return;
    into.push({ label, stems: t.stems });
  };
  const prose: string[] = [];
  let inFence = false;
  for (const raw of answer.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('```')) inFence = !inFence;
    if (inFence || line.startsWith('```') || line === '') continue;
    const bullet = /^([*\-•+]|\d+[.)])\s+/.exec(line);
    if (bullet) {
      add(itemHead(line.slice(bullet[0].length)), items);
      continue;
    }
    prose.push(line);
  }
  const sentences = prose.join(' ').split(/(?<=[.!?])\s+(?=[A-Z`])/);
  sentences.forEach((sentence, i) => {
    // "Others include Canal, Antrea and Kube-router", "such as X, Y or Z"
    const more = /\b(?:include|includes|including|such as|e\.g\.|for example)\s+(.+)/i.exec(sentence);
    const contrast = /^(?:by contrast|in contrast|unlike|but|however|whereas)\b/i.test(sentence);
    if (more && !contrast) {
      for (const head of enumeration(more[1]!)) add(head, items);
      return;
    }
    if (items.length > 0 && !contrast) return;
    const heads = enumeration(sentence);
    if (heads.length === 0) return;
    if (contrast && i > 0) for (const h of heads) add(h, wrongItems);
    else if (items.length === 0) for (const h of heads) add(h, items);
  });
  if (items.length < 2) return null;
  const need = Math.min(items.length, lp.need ?? (lp.all ? Math.min(items.length, 3) : 2));
  return { items, wrongItems, need, noun: lp.noun };
}

/** What an answer names of a list. */
export interface ListReading {
  /** Labels of the valid items named. */
  readonly named: readonly string[];
  /** Things named that are not items: a known wrong item, or a word the deck uses for something else. */
  readonly wrong: readonly string[];
  /** Answer words that are neither (unknown names, fillers). */
  readonly unknown: number;
}

function matchesItem(model: DeckModel, a: Tokens, i: number, item: ListItem): number {
  if (!stemMatches(model, a.stems[i]!, item.stems[0]!)) return 0;
  let k = 1;
  while (
    k < item.stems.length &&
    i + k < a.stems.length &&
    stemMatches(model, a.stems[i + k]!, item.stems[k]!)
  )
    k++;
  return k;
}

/**
 * Reads an answer to a list question.
 * @param known - stems the deck uses elsewhere (other cards' words and subjects): a name among them
 *   that is no item is a wrong item
 */
export function readList(
  model: DeckModel,
  list: ListModel,
  a: Tokens,
  known: ReadonlySet<string>,
  given: ReadonlySet<string>,
): ListReading {
  const used = new Uint8Array(a.stems.length);
  const named: string[] = [];
  const wrong: string[] = [];
  for (let i = 0; i < a.stems.length; i++) {
    if (a.neg[i]) continue;
    let took = 0;
    for (const item of list.items) {
      const k = matchesItem(model, a, i, item);
      if (k > 0) {
        if (!named.includes(item.label)) named.push(item.label);
        took = k;
        break;
      }
    }
    if (took === 0) {
      for (const item of list.wrongItems) {
        const k = matchesItem(model, a, i, item);
        if (k > 0) {
          if (!wrong.includes(item.label)) wrong.push(item.label);
          took = k;
          break;
        }
      }
    }
    for (let k = 0; k < took; k++) used[i + k] = 1;
    if (took > 0) i += took - 1;
  }
  let unknown = 0;
  for (let i = 0; i < a.stems.length; i++) {
    if (used[i] || given.has(a.stems[i]!) || a.neg[i]) continue;
    // a name the deck uses for something else, standing as an item of its own
    const alone = a.item[i] !== a.item[i - 1] && a.item[i] !== a.item[i + 1];
    if (known.has(a.stems[i]!) && (alone || a.stems.length <= 6)) {
      const raw = a.raws[i]!;
      if (!wrong.includes(raw)) wrong.push(raw);
    } else unknown++;
  }
  return { named, wrong, unknown };
}
