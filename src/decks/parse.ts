import type { z } from 'zod';
import { cleanText } from '../contract';
import { repairMojibake } from './mojibake';
import { CARD_MODES, cardKindProblems, DeckSchema, type Card, type CardMode, type DeckIssue, type ParseResult } from './types';

/**
 * Reader for the Markdown deck format described in docs/DECKS.md.
 *
 * Parsing is line based and never stops at the first problem: every error found is reported with its
 * 1-based line number, so a person fixing a hand-written file sees everything in one go. The result is
 * finally checked against DeckSchema, whose problems are mapped back to lines as well.
 */

/** Options for {@link parseDeck}. */
export interface ParseDeckOptions {
  /** Name of the file the text came from; names the deck when it has no `# Title` heading. */
  fileName?: string;
}

interface Item {
  text: string;
  line: number;
}

interface ChoiceDraft extends Item {
  correct: boolean;
}

interface IdeaDraft {
  label: string;
  terms: string[];
  line: number;
}

interface CardDraft {
  prompt: string;
  line: number;
  /** Answer text lines as written after `>` (null = paragraph break from a blank line between blocks). */
  answer: (string | null)[];
  answerLine?: number;
  /** Fenced code blocks between the question and its answer, each as its lines (fences included). */
  body: string[][];
  bodyLine?: number;
  /** Set once a field line is seen: `>` lines after that are not part of this card's answer. */
  inFields: boolean;
  /** Line of each single-valued field already seen, to report duplicates. */
  seen: Map<string, number>;
  choices?: { line: number; items: ChoiceDraft[] };
  accept: Item[];
  wrong: Item[];
  hints: Item[];
  ideas: IdeaDraft[];
  order?: { items: string[]; line: number };
  need?: { value: number; line: number };
  mode?: { value: CardMode; line: number };
  topic?: Item;
  number?: { value: number; line: number };
  tolerance?: { value: number; line: number };
  unit?: Item;
  truth?: { value: boolean; line: number };
}

const CARD_FIELDS = [
  'choices', 'accept', 'idea', 'need', 'wrong', 'hint', 'order', 'mode', 'topic',
  'number', 'tolerance', 'unit', 'correct',
] as const;
type CardField = (typeof CARD_FIELDS)[number];
const CARD_FIELD_LIST = 'Choices, Accept, Idea, Need, Wrong, Order, Mode, Topic, Number, Tolerance, Unit or Correct';
/** A decimal number as a deck writes it (`1991`, `-3.5`, `0.25`, `6.02e23`); no thousands separators. */
const DECIMAL = /^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?$/i;
/** Fields that may appear more than once in a card; their values add up. */
const REPEATABLE: ReadonlySet<CardField> = new Set(['accept', 'idea', 'wrong', 'hint']);
const HEADER_FIELDS = ['id', 'description'] as const;

const HEADING = /^(#{1,6})(?:\s+(.*?))?(?:\s+#+)?\s*$/;
const QUOTE_LINE = /^ {0,3}>(.*)$/;
const FIELD_LINE = /^([A-Za-z][A-Za-z_-]*)\s*:\s*(.*)$/;
const CHOICE_ITEM = /^\s*[-*+]\s+\[([ xX])\]\s*(.*)$/;
const LIST_ITEM = /^\s*[-*+]\s+/;
const THEMATIC_BREAK = /^\s*(?:(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,})$/;
const HTML_COMMENT = /^\s*<!--.*-->\s*$/;
const BULLET = /^(\s*)[-*+]\s+(.*)$/;
const ORDER_SEPARATOR = /\s*(?:->|→|>)\s*/;
/** A CommonMark code fence: 3+ backticks or tildes, then an optional language word. */
export const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})\s*([^\s`]*)[^`]*$/;
const FENCE_CLOSE = /^ {0,3}(`{3,}|~{3,})\s*$/;

/** Emoji, pictographs, arrows and bullets that decorate a question (`👉 “…”`, `➡️ …`, `• …`). */
const DECORATION =
  /^(?:[-*+](?=\s)|[\p{Extended_Pictographic}\p{So}\u2190-\u21ff\u27f0-\u27ff\u2900-\u297f\u2b00-\u2bff\u200d\ufe0e\ufe0f\u20e3\u{1f3fb}-\u{1f3ff}\u{1f1e6}-\u{1f1ff}•·▪►▶])\s*/u;
const TRAILING_DECORATION =
  /\s*[\p{Extended_Pictographic}\p{So}\u200d\ufe0e\ufe0f\u20e3\u{1f3fb}-\u{1f3ff}\u{1f1e6}-\u{1f1ff}]$/u;
/** Pairs that may wrap a whole question: quotes and Markdown emphasis. */
const WRAPPERS: readonly (readonly [string, string])[] = [
  ['“', '”'],
  ['"', '"'],
  ['‘', '’'],
  ["'", "'"],
  ['«', '»'],
  ['„', '“'],
  ['„', '”'],
  ['‚', '‘'],
  ['‹', '›'],
  ['「', '」'],
  ['**', '**'],
  ['__', '__'],
  ['*', '*'],
  ['_', '_'],
  ['`', '`'],
];

/**
 * Drops decoration around a question: leading emoji/arrows/bullets, trailing emoji, and quotes or
 * emphasis wrapping the whole text. Quotes are only removed in matching pairs so that a question that
 * merely starts with a quoted word keeps it.
 */
export function cleanQuestion(raw: string): string {
  let text = raw.trim();
  for (let changed = true; changed;) {
    changed = false;
    const stripped = text.replace(DECORATION, '').replace(TRAILING_DECORATION, '').trim();
    if (stripped !== text) {
      text = stripped;
      changed = true;
    }
    for (const [open, close] of WRAPPERS) {
      if (text.length > open.length + close.length && text.startsWith(open) && text.endsWith(close)) {
        text = text.slice(open.length, text.length - close.length).trim();
        changed = true;
        break;
      }
    }
  }
  return text;
}

/** A short quotable form of a prompt for messages. */
function preview(prompt: string): string {
  const oneLine = prompt.replace(/\s+/g, ' ').trim();
  return oneLine.length > 60 ? `${oneLine.slice(0, 57)}…` : oneLine;
}

function splitValues(value: string): string[] {
  return value
    .split('|')
    .map((v) => v.trim())
    .filter((v) => v.length > 0);
}

/** Does `line` close a fence opened with `open` (same character, at least as long)? */
export function closesFence(line: string, open: string): boolean {
  const close = FENCE_CLOSE.exec(line)?.[1];
  return close !== undefined && close[0] === open[0] && close.length >= open.length;
}

/**
 * Turns `>` content into answer text: bullets as `• item`, one blank line between paragraphs. Lines inside
 * a fenced code block are kept as written (blank lines and `- ` included).
 */
function buildAnswer(lines: readonly (string | null)[]): string {
  const out: string[] = [];
  let fence: string | null = null;
  for (const raw of lines) {
    const line = (raw ?? '').trimEnd();
    if (fence !== null) {
      out.push(line);
      if (closesFence(line, fence)) fence = null;
      continue;
    }
    const open = FENCE_OPEN.exec(line)?.[1];
    if (open !== undefined) {
      fence = open;
      out.push(line);
      continue;
    }
    if (line.trim() === '') {
      if (out.length > 0 && out[out.length - 1] !== '') out.push('');
      continue;
    }
    const bullet = BULLET.exec(line);
    out.push(bullet ? `${bullet[1] ?? ''}• ${bullet[2] ?? ''}` : line);
  }
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out.join('\n').trim();
}

function titleFromFileName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  return base
    .replace(/\.[^.]*$/, '')
    .replace(/[-_]+/g, ' ')
    .trim();
}

/** What a field is called in messages, by its schema key. */
const FIELD_LABELS: Record<string, string> = {
  prompt: 'question',
  body: 'code under the question',
  answer: 'answer',
  choices: 'Choices',
  accept: 'Accept',
  ideas: 'Idea',
  need: 'Need',
  wrong: 'Wrong',
  hints: 'Hint',
  order: 'Order',
  mode: 'Mode',
  topic: 'Topic',
  number: 'Number',
  tolerance: 'Tolerance',
  unit: 'Unit',
  truth: 'Correct',
  title: 'title',
  id: 'deck id',
  description: 'description',
};

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let node = root;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

/** Human wording of one zod problem, e.g. `question is too long (612 characters, max 500)`. */
function describeIssue(issue: z.core.$ZodIssue, label: string, value: unknown): string {
  const size =
    typeof value === 'string' ? value.trim().length : Array.isArray(value) ? value.length : undefined;
  if (issue.code === 'too_big' && issue.origin === 'string') {
    return `${label} is too long (${size} characters, max ${String(issue.maximum)})`;
  }
  if (issue.code === 'too_big' && issue.origin === 'array') {
    return `${label} has too many items (${size}, max ${String(issue.maximum)})`;
  }
  if (issue.code === 'too_small' && issue.origin === 'string') return `${label} is empty`;
  if (issue.code === 'too_small' && issue.origin === 'array') {
    return `${label} needs at least ${String(issue.minimum)} items (found ${size})`;
  }
  return `${label}: ${issue.message}`;
}

/** The line of a card's field, for messages: the field's own line, else the card's heading. */
function fieldLine(draft: CardDraft, field: keyof Card): number {
  switch (field) {
    case 'choices':
      return draft.choices?.line ?? draft.line;
    case 'order':
      return draft.order?.line ?? draft.mode?.line ?? draft.line;
    case 'need':
      return draft.need?.line ?? draft.line;
    case 'mode':
      return draft.mode?.line ?? draft.line;
    case 'topic':
      return draft.topic?.line ?? draft.line;
    case 'number':
      return draft.number?.line ?? draft.line;
    case 'tolerance':
      return draft.tolerance?.line ?? draft.line;
    case 'unit':
      return draft.unit?.line ?? draft.line;
    case 'truth':
      return draft.truth?.line ?? draft.line;
    default:
      return draft.line;
  }
}

/**
 * Parses a deck written in the Markdown format of docs/DECKS.md.
 *
 * Mojibake is repaired first (one warning per repaired line), a BOM is dropped and CRLF/CR line ends
 * are accepted. Every problem found is returned, each with its 1-based line; the deck is only returned
 * when there are none, after validation against DeckSchema.
 *
 * @param text - the file's text
 * @param opts - `fileName` names the deck when the text has no `# Title` heading
 * @returns the deck and warnings, or all errors sorted by line
 */
export function parseDeck(text: string, opts: ParseDeckOptions = {}): ParseResult {
  const errors: DeckIssue[] = [];
  const warnings: DeckIssue[] = [];
  const error = (line: number, message: string): void => void errors.push({ line, message });
  const warn = (line: number, message: string): void => void warnings.push({ line, message });

  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .map((raw, index) => {
      const repaired = repairMojibake(raw);
      if (repaired !== raw) warn(index + 1, 'repaired mojibake');
      // The BOM may itself have been mojibake (`ï»¿`), so it is only recognisable after repair.
      const line = index === 0 ? repaired.replace(/^\uFEFF/, '') : repaired;
      // The text policy (src/contract/text-policy.ts) after the repair, whose input may hold C1 controls.
      const checked = cleanText(line, 'deckLine');
      if (checked.ok) return checked.text;
      error(index + 1, `this line ${checked.message}`);
      // Read on without the offending characters, so this is the line's one error.
      const rest = cleanText(line.replace(/[^\P{Cc}\t]|[\ud800-\udfff]/gu, ''), 'deckLine');
      return rest.ok ? rest.text : '';
    });

  let title: Item | undefined;
  let id: Item | undefined;
  let description: Item | undefined;
  const cards: CardDraft[] = [];
  let card: CardDraft | undefined;
  /** Inside the fields of a `Choices:` list, so `- [x]` lines belong to it. */
  let inChoices = false;
  /** After a `>` block with no question: its lines are skipped so one mistake gives one error. */
  let orphan = false;
  /** A blank line was seen since the last `>` line of the current answer. */
  let blankInAnswer = false;

  const nextNonBlank = (from: number): string | undefined => {
    for (let j = from; j < lines.length; j++) {
      const candidate = lines[j] ?? '';
      if (candidate.trim() !== '') return candidate;
    }
    return undefined;
  };

  const startCard = (prompt: string, line: number): void => {
    card = {
      prompt,
      line,
      answer: [],
      inFields: false,
      seen: new Map(),
      accept: [],
      wrong: [],
      hints: [],
      ideas: [],
      body: [],
    };
    cards.push(card);
    inChoices = false;
    orphan = false;
    blankInAnswer = false;
  };

  const cardField = (current: CardDraft, key: CardField, name: string, value: string, line: number): void => {
    const where = `card "${preview(current.prompt)}"`;
    if (!REPEATABLE.has(key)) {
      const first = current.seen.get(key);
      if (first !== undefined) {
        error(line, `${where}: duplicate field "${name}:" (first at line ${first})`);
        return;
      }
      current.seen.set(key, line);
    }
    switch (key) {
      case 'choices':
        current.choices = { line, items: [] };
        inChoices = true;
        if (value !== '') {
          error(
            line,
            `${where}: write each choice on its own line below "Choices:" as "- [x] text" or "- [ ] text"`,
          );
        }
        return;
      case 'accept':
      case 'wrong':
      case 'hint': {
        const values = splitValues(value);
        if (values.length === 0) error(line, `${where}: field "${name}:" has no values`);
        current[key === 'hint' ? 'hints' : key].push(...values.map((v) => ({ text: v, line })));
        return;
      }
      case 'idea': {
        // `label = term | term`; without `=` the first `|` item is the label and the rest its terms.
        const eq = value.indexOf('=');
        const parts = eq >= 0 ? [value.slice(0, eq), ...value.slice(eq + 1).split('|')] : value.split('|');
        const [label = '', ...terms] = parts.map((p) => p.trim());
        if (label === '') {
          error(line, `${where}: "${name}:" needs a label, as in "Idea: label = term | term"`);
        } else {
          current.ideas.push({ label, terms: terms.filter((t) => t !== ''), line });
        }
        return;
      }
      case 'need': {
        const n = /^\d+$/.test(value) ? Number(value) : NaN;
        if (Number.isInteger(n) && n >= 1 && n <= 20) current.need = { value: n, line };
        else error(line, `${where}: "Need:" must be a whole number from 1 to 20 (got "${value}")`);
        return;
      }
      case 'mode': {
        const mode = value.toLowerCase().replace(/[\s/_-]+/g, '');
        const known = (CARD_MODES as readonly string[]).includes(mode);
        if (known) current.mode = { value: mode as CardMode, line };
        else error(line, `${where}: "Mode:" must be one of ${CARD_MODES.join(', ')} (got "${value}")`);
        return;
      }
      case 'number':
      case 'tolerance': {
        const n = DECIMAL.test(value) ? Number(value) : NaN;
        if (!Number.isFinite(n)) error(line, `${where}: "${name}:" must be a number such as 42 or 3.5 (got "${value}")`);
        else if (key === 'tolerance' && n < 0) error(line, `${where}: "${name}:" cannot be negative (got "${value}")`);
        else current[key] = { value: n, line };
        return;
      }
      case 'unit':
        if (value === '') error(line, `${where}: "Unit:" is empty`);
        else current.unit = { text: value, line };
        return;
      case 'correct': {
        const v = value.toLowerCase();
        if (v === 'true' || v === 'false') current.truth = { value: v === 'true', line };
        else error(line, `${where}: "Correct:" must be "true" or "false" (got "${value}")`);
        return;
      }
      case 'order': {
        const items = value
          .split(ORDER_SEPARATOR)
          .map((v) => v.trim())
          .filter((v) => v !== '');
        if (items.length < 2) {
          error(
            line,
            `${where}: "Order:" needs at least 2 items separated by ">" or "→" (found ${items.length})`,
          );
        } else {
          current.order = { items, line };
        }
        return;
      }
      case 'topic':
        if (value === '') error(line, `${where}: "Topic:" is empty`);
        else current.topic = { text: value, line };
        return;
    }
  };

  /** An open code fence: its marker, its line, and the block its lines go to (null: skipped). */
  let fence: { marker: string; line: number; block: string[] | null } | null = null;

  lines.forEach((line, index) => {
    const lineNo = index + 1;
    // Inside a fenced code block every line is code, whatever it looks like (`key: value`, `# comment`, `> x`).
    if (fence !== null) {
      fence.block?.push(line);
      if (closesFence(line, fence.marker)) fence = null;
      return;
    }
    const fenceOpen = FENCE_OPEN.exec(line);
    if (fenceOpen) {
      const marker = fenceOpen[1] ?? '```';
      if (orphan) {
        fence = { marker, line: lineNo, block: null };
      } else if (card && !card.inFields && card.answer.length === 0) {
        const block = [line];
        card.body.push(block);
        card.bodyLine ??= lineNo;
        fence = { marker, line: lineNo, block };
      } else {
        if (card) {
          error(
            lineNo,
            `card "${preview(card.prompt)}": a code block goes between the question and its answer, or inside the answer as ">" lines`,
          );
        } else {
          warn(lineNo, cards.length === 0 ? 'ignored code block before the first card' : 'ignored code block outside a card');
        }
        fence = { marker, line: lineNo, block: null };
      }
      return;
    }
    if (line.trim() === '') {
      if (card && !card.inFields) blankInAnswer = true;
      return;
    }
    if (THEMATIC_BREAK.test(line) || HTML_COMMENT.test(line)) return;

    const heading = HEADING.exec(line);
    if (heading) {
      const level = heading[1]?.length ?? 0;
      const headingText = (heading[2] ?? '').trim();
      card = undefined;
      inChoices = false;
      orphan = false;
      if (level === 3) {
        const prompt = cleanQuestion(headingText);
        if (prompt === '') error(lineNo, 'card heading "###" has no question');
        startCard(prompt, lineNo);
      } else if (level === 1 && !title) {
        if (headingText === '') error(lineNo, 'title heading "#" is empty');
        title = { text: headingText, line: lineNo };
      } else {
        warn(lineNo, `ignored heading "${preview(line.trim())}" (cards start with "### ")`);
      }
      return;
    }

    const quote = QUOTE_LINE.exec(line);
    if (quote) {
      const content = (quote[1] ?? '').replace(/^ /, '');
      if (card && !card.inFields && !orphan) {
        if (card.answer.length === 0) card.answerLine = lineNo;
        // Markdown ends a blockquote at a blank line; a second `>` block continues the same answer.
        if (blankInAnswer && card.answer.length > 0) card.answer.push(null);
        card.answer.push(content);
        blankInAnswer = false;
      } else if (!orphan) {
        const after = card
          ? ` (answer lines of card "${preview(card.prompt)}" must come before its fields)`
          : '';
        error(lineNo, `answer (">" block) with no question before it${after}`);
        card = undefined;
        orphan = true;
      }
      return;
    }

    const followedByAnswer = QUOTE_LINE.test(nextNonBlank(index + 1) ?? '');
    const field = FIELD_LINE.exec(line);
    const key = field?.[1]?.toLowerCase() ?? '';
    const isCardField = (CARD_FIELDS as readonly string[]).includes(key);
    const isHeaderField = (HEADER_FIELDS as readonly string[]).includes(key);

    // A line holding a question followed by a `>` block starts a card (the seed's last card). A line
    // shaped like `Key: value` only counts when it ends with "?", so `Author: me` stays a field.
    const prompt =
      followedByAnswer && !isCardField && !(isHeaderField && cards.length === 0) ? cleanQuestion(line) : '';
    const isQuestion = /[?？]$/.test(prompt);
    if (prompt !== '' && (isQuestion || !field)) {
      if (!isQuestion) {
        error(
          lineNo,
          'text followed by an answer is not a question: start the card with "### " or end the question with "?"',
        );
      }
      startCard(prompt, lineNo);
      return;
    }

    if (field) {
      const name = field[1] ?? '';
      const value = (field[2] ?? '').trim();
      if (orphan) return;
      if (card && isCardField) {
        card.inFields = true;
        if (key !== 'choices') inChoices = false;
        cardField(card, key as CardField, name, value, lineNo);
      } else if (isHeaderField && cards.length === 0) {
        const first = key === 'id' ? id : description;
        if (first) error(lineNo, `duplicate field "${name}:" (first at line ${first.line})`);
        else if (key === 'id') id = { text: value, line: lineNo };
        else description = { text: value, line: lineNo };
      } else if (isHeaderField) {
        error(lineNo, `field "${name}:" belongs before the first card`);
      } else if (isCardField) {
        error(lineNo, `field "${name}:" is outside a card (cards start with "### question")`);
      } else if (card) {
        card.inFields = true;
        inChoices = false;
        error(
          lineNo,
          `card "${preview(card.prompt)}": unknown field "${name}:" (expected ${CARD_FIELD_LIST})`,
        );
      } else if (cards.length === 0) {
        error(lineNo, `unknown field "${name}:" (expected id or description before the first card)`);
      } else {
        error(lineNo, `unknown field "${name}:" outside a card`);
      }
      return;
    }

    const choice = CHOICE_ITEM.exec(line);
    if (orphan) return;
    if (card && inChoices && card.choices) {
      if (choice) {
        card.choices.items.push({ text: (choice[2] ?? '').trim(), correct: choice[1] !== ' ', line: lineNo });
      } else if (LIST_ITEM.test(line)) {
        error(
          lineNo,
          `card "${preview(card.prompt)}": write a choice as "- [x] text" (correct) or "- [ ] text"`,
        );
      } else {
        error(
          lineNo,
          `card "${preview(card.prompt)}": unexpected text after "Choices:" (choices are "- [x] text")`,
        );
      }
      return;
    }
    if (choice) {
      error(lineNo, 'choice item outside a "Choices:" list');
      return;
    }
    if (card) {
      // Prose inside a card is most likely an answer line missing its `>` or a mistyped field; guessing
      // either would silently change the card, so it is an error.
      error(
        lineNo,
        `card "${preview(card.prompt)}": unexpected text (answer lines start with ">", fields look like "Key: value")`,
      );
      return;
    }
    warn(lineNo, cards.length === 0 ? 'ignored text before the first card' : 'ignored text outside a card');
  });

  const unclosed = fence as { line: number; marker: string } | null;
  if (unclosed) {
    error(unclosed.line, `code block opened here is never closed (end it with a line "${unclosed.marker}")`);
  }

  // Build the deck in schema shape, one entry per card draft so zod paths index `cards` directly.
  const seenPrompts = new Map<string, number>();
  const deckCards = cards.map((draft) => {
    const answer = buildAnswer(draft.answer);
    if (answer === '' && draft.prompt !== '')
      error(draft.line, `card "${preview(draft.prompt)}" has no answer`);
    const body = draft.body.map((b) => b.join('\n')).join('\n\n');
    // Cards may share a question when their code differs ("What does this print?").
    const key = `${draft.prompt.replace(/\s+/g, ' ').toLowerCase()}\n${body}`;
    const firstLine = seenPrompts.get(key);
    if (firstLine !== undefined && key !== '') {
      error(draft.line, `duplicate question "${preview(draft.prompt)}" (first at line ${firstLine})`);
    } else {
      seenPrompts.set(key, draft.line);
    }
    const choices = draft.choices;
    if (choices) {
      const where = `card "${preview(draft.prompt)}"`;
      if (choices.items.length < 2) {
        error(choices.line, `${where}: Choices need at least 2 items (found ${choices.items.length})`);
      } else if (choices.items.length > 6) {
        error(choices.line, `${where}: Choices allow at most 6 items (found ${choices.items.length})`);
      }
    }
    if (draft.need && draft.ideas.length > 0 && draft.need.value > draft.ideas.length) {
      error(
        draft.need.line,
        `card "${preview(draft.prompt)}": "Need: ${draft.need.value}" but the card has only ${draft.ideas.length} "Idea:" lines`,
      );
    }
    const built = {
      prompt: draft.prompt,
      ...(body !== '' && { body }),
      answer,
      ...(choices && { choices: choices.items.map((c) => ({ text: c.text, correct: c.correct })) }),
      ...(draft.accept.length > 0 && { accept: draft.accept.map((a) => a.text) }),
      ...(draft.ideas.length > 0 && { ideas: draft.ideas.map((i) => ({ label: i.label, terms: i.terms })) }),
      ...(draft.need && { need: draft.need.value }),
      ...(draft.wrong.length > 0 && { wrong: draft.wrong.map((w) => w.text) }),
      ...(draft.hints.length > 0 && { hints: draft.hints.map((h) => h.text) }),
      ...(draft.order && { order: draft.order.items }),
      ...(draft.mode && { mode: draft.mode.value }),
      ...(draft.topic && { topic: draft.topic.text }),
      ...(draft.number && { number: draft.number.value }),
      ...(draft.tolerance && { tolerance: draft.tolerance.value }),
      ...(draft.unit && { unit: draft.unit.text }),
      ...(draft.truth && { truth: draft.truth.value }),
    };
    // What each kind must hold [R12.1], at the line of the field concerned (the card's `Mode:` when one is missing).
    for (const p of cardKindProblems(built as Card)) {
      error(fieldLine(draft, p.field), `card "${preview(draft.prompt)}": ${p.message}`);
    }
    return built;
  });

  let deckTitle = title?.text ?? '';
  if (!title && opts.fileName) {
    deckTitle = titleFromFileName(opts.fileName);
    warn(1, `no "# Title" heading; the deck is named after the file ("${deckTitle}")`);
  }
  if (deckTitle === '' && !title) error(1, 'deck has no title: add a "# Title" line');
  if (cards.length === 0)
    error(1, 'deck has no cards (a card is a "### question" heading followed by "> answer" lines)');

  const candidate = {
    ...(id && { id: id.text }),
    title: deckTitle,
    ...(description && { description: description.text }),
    cards: deckCards,
  };
  const checked = DeckSchema.safeParse(candidate);
  if (!checked.success) {
    // Problems the parser already reported in its own words are not repeated in zod's.
    const covered = new Set<string>();
    if (deckTitle === '') covered.add('title');
    if (cards.length === 0) covered.add('cards');
    deckCards.forEach((built, i) => {
      if (built.answer === '') covered.add(`cards.${i}.answer`);
      if (built.prompt === '') covered.add(`cards.${i}.prompt`);
      covered.add(`cards.${i}.choices`); // counts and the single correct item are checked above
      for (const f of ['mode', 'order', 'number', 'tolerance', 'unit', 'truth']) covered.add(`cards.${i}.${f}`);
    });
    for (const issue of checked.error.issues) {
      const path = issue.path;
      if (covered.has(path.map(String).join('.'))) continue;
      const value = valueAt(candidate, path);
      const [root, cardIndex, fieldKey = '', item, sub] = path;
      if (root !== 'cards' || typeof cardIndex !== 'number') {
        const line = root === 'id' ? id?.line : root === 'description' ? description?.line : title?.line;
        const message =
          root === 'id' && issue.code === 'invalid_format'
            ? `invalid deck id "${String(value)}": use lowercase letters, digits and dashes (at most 63)`
            : describeIssue(issue, FIELD_LABELS[String(root)] ?? String(root), value);
        error(line ?? 1, message);
        continue;
      }
      const draft = cards[cardIndex];
      if (!draft) continue;
      const fieldName = String(fieldKey);
      const itemIndex = typeof item === 'number' ? item : undefined;
      let line = draft.line;
      let label = FIELD_LABELS[fieldName] ?? fieldName;
      if (itemIndex !== undefined) label = `${label} item ${itemIndex + 1}${sub === 'terms' ? ' term' : ''}`;
      if (fieldName === 'answer') line = draft.answerLine ?? draft.line;
      else if (fieldName === 'body') line = draft.bodyLine ?? draft.line;
      else if (fieldName === 'choices')
        line = draft.choices?.items[itemIndex ?? -1]?.line ?? draft.choices?.line ?? line;
      else if (
        fieldName === 'accept' ||
        fieldName === 'wrong' ||
        fieldName === 'hints' ||
        fieldName === 'ideas'
      ) {
        const items: readonly { line: number }[] = fieldName === 'ideas' ? draft.ideas : draft[fieldName];
        line = items[itemIndex ?? 0]?.line ?? line;
      } else if (fieldName === 'order') line = draft.order?.line ?? line;
      else if (fieldName === 'need') line = draft.need?.line ?? line;
      else line = fieldLine(draft, fieldName as keyof Card);
      error(line, `card "${preview(draft.prompt)}": ${describeIssue(issue, label, value)}`);
    }
  }

  if (!checked.success && errors.length === 0) {
    // Unreachable while the checks above mirror the schema; kept so a schema change cannot yield ok:false with no reason.
    error(1, `deck is invalid: ${checked.error.issues[0]?.message ?? 'unknown problem'}`);
  }
  if (errors.length > 0 || !checked.success) {
    // A stable sort keeps several errors on one line in the order they were found.
    return { ok: false, errors: [...errors].sort((a, b) => a.line - b.line) };
  }
  return { ok: true, deck: checked.data, warnings: [...warnings].sort((a, b) => a.line - b.line) };
}
