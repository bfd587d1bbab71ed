/**
 * Repair of "mojibake": UTF-8 bytes that were decoded as Windows-1252 (and usually re-encoded as UTF-8),
 * so that `’` became `â€™` and `→` became `â†’`.
 *
 * The repair works on *groups*: a character that stands for a UTF-8 lead byte followed by characters
 * that stand for continuation bytes. A group is decoded back to the code point it came from, but only
 * when that is plausible, because real text contains the same characters (`café…`, `« AÑO »`).
 *
 * Windows-1252 leaves 0x81, 0x8D, 0x8F, 0x90 and 0x9D undefined, and most decoders drop them, so a
 * group can be short by one or more bytes (`☸️` = E2 98 B8 EF B8 8F comes out as `â˜¸ï¸`). Such a
 * group is completed by trying every undefined byte in every missing position and keeping the most
 * plausible valid code point.
 */

/** Windows-1252 code points for bytes 0x80-0x9F; `undefined` marks the five undefined bytes. */
const CP1252_80_9F: readonly (number | undefined)[] = [
  0x20ac,
  undefined,
  0x201a,
  0x0192,
  0x201e,
  0x2026,
  0x2020,
  0x2021,
  0x02c6,
  0x2030,
  0x0160,
  0x2039,
  0x0152,
  undefined,
  0x017d,
  undefined,
  undefined,
  0x2018,
  0x2019,
  0x201c,
  0x201d,
  0x2022,
  0x2013,
  0x2014,
  0x02dc,
  0x2122,
  0x0161,
  0x203a,
  0x0153,
  undefined,
  0x017e,
  0x0178,
];

/**
 * Bytes that Windows-1252 leaves undefined, in tie-break order: when several completions are equally
 * plausible the earlier byte wins. 0x8D first: it ends some of the most frequent emoji and CJK characters
 * (👍 F0 9F 91 8D, 🔍, 不 E4 B8 8D); the common punctuation cases (`â€` + 0x9D) are decided by score.
 */
const LOST_BYTES: readonly number[] = [0x8d, 0x9d, 0x8f, 0x90, 0x81];

/** Code point -> the Windows-1252 byte it decodes from (0x80-0xFF only; ASCII maps to itself). */
const BYTE_OF_CHAR: ReadonlyMap<number, number> = (() => {
  const map = new Map<number, number>();
  for (let byte = 0x80; byte <= 0xff; byte++) {
    // Undefined bytes also map to themselves: WHATWG decoders turn 0x81 into U+0081 instead of dropping it.
    const cp = byte < 0xa0 ? (CP1252_80_9F[byte - 0x80] ?? byte) : byte;
    map.set(cp, byte);
  }
  return map;
})();

const REPLACEMENT_CHAR = 0xfffd;
/** A U+FFFD inside a group marks a byte lost at a known position; `null` stands for it below. */
type Slot = number | null;

function byteOf(cp: number): number | undefined {
  return cp < 0x80 ? cp : BYTE_OF_CHAR.get(cp);
}

function isContinuation(byte: number | undefined): byte is number {
  return byte !== undefined && byte >= 0x80 && byte <= 0xbf;
}

/** Total length of the UTF-8 sequence a lead byte starts, or 0 if it is not a lead byte. */
function sequenceLength(byte: number | undefined): number {
  if (byte === undefined) return 0;
  if (byte >= 0xc2 && byte <= 0xdf) return 2;
  if (byte >= 0xe0 && byte <= 0xef) return 3;
  if (byte >= 0xf0 && byte <= 0xf4) return 4;
  return 0;
}

/** Strict UTF-8 decoding of one sequence (no overlongs, surrogates or values past U+10FFFF), or -1. */
function decodeSequence(bytes: readonly number[]): number {
  const [b0 = 0, b1 = 0, b2 = 0, b3 = 0] = bytes;
  if (bytes.some((b, i) => i > 0 && !isContinuation(b))) return -1;
  switch (bytes.length) {
    case 2:
      return ((b0 & 0x1f) << 6) | (b1 & 0x3f);
    case 3: {
      if ((b0 === 0xe0 && b1 < 0xa0) || (b0 === 0xed && b1 > 0x9f)) return -1;
      return ((b0 & 0x0f) << 12) | ((b1 & 0x3f) << 6) | (b2 & 0x3f);
    }
    case 4: {
      if ((b0 === 0xf0 && b1 < 0x90) || (b0 === 0xf4 && b1 > 0x8f)) return -1;
      return ((b0 & 0x07) << 18) | ((b1 & 0x3f) << 12) | ((b2 & 0x3f) << 6) | (b3 & 0x3f);
    }
    default:
      return -1;
  }
}

const NOT_TEXT = /[\p{Cc}\p{Cn}\p{Co}\p{Cs}]/u;
const PICTOGRAPHIC = /\p{Extended_Pictographic}/u;
const EMOJI_PRESENTATION = /\p{Emoji_Presentation}/u;
const EMOJI_MODIFIER = /\p{Emoji_Modifier}/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const PUNCT_OR_SYMBOL = /[\p{P}\p{S}]/u;
const SPACE = /\p{Z}/u;

function test(re: RegExp, cp: number | undefined): boolean {
  return cp !== undefined && re.test(String.fromCodePoint(cp));
}

/**
 * Punctuation, symbols, arrows, dingbats, variation selectors and emoji: what a lost byte most often
 * belonged to. A completion outside this set (a CJK ideograph, say) is only trusted next to other
 * mojibake, because `café…` would otherwise "repair" into `caf酁`.
 */
function isSymbolish(cp: number): boolean {
  return (
    (cp >= 0x2000 && cp <= 0x2bff) ||
    (cp >= 0xfe00 && cp <= 0xfe0f) ||
    (cp >= 0x1f000 && cp <= 0x1faff) ||
    test(PICTOGRAPHIC, cp)
  );
}

/** How plausible a completed code point is, given the character before it and the raw one after it. */
function plausibility(cp: number, prev: number | undefined, nextStartsEmoji: boolean): number {
  if (cp === 0x201d) return 10; // right double quote: the classic `â€` + lost 0x9D
  if (cp === 0xfe0f) return 10; // emoji presentation selector: `ï¸` + lost 0x8F
  if (cp === 0x200d) return test(PICTOGRAPHIC, prev) && nextStartsEmoji ? 11 : 1; // ZWJ inside an emoji sequence
  if (test(EMOJI_MODIFIER, cp)) return test(PICTOGRAPHIC, prev) ? 9 : 2; // skin tone after an emoji
  if (test(EMOJI_PRESENTATION, cp)) return 8;
  if (test(PICTOGRAPHIC, cp)) return 7;
  if (test(LETTER_OR_DIGIT, cp)) return 5;
  if (test(PUNCT_OR_SYMBOL, cp)) return 4;
  if (test(SPACE, cp)) return 2;
  return 1;
}

interface Group {
  start: number;
  end: number;
  /** Valid decodings, in tie-break order (missing bytes at the end first, then LOST_BYTES order). */
  options: number[];
  /** True when no byte was lost, so there is exactly one decoding. */
  complete: boolean;
  /** Trusted on its own; other groups need a neighbouring group to be believed. */
  strong: boolean;
}

/** Every way to place `missing` lost bytes among the present slots, keeping their order. */
function fillPatterns(present: readonly Slot[], missing: number): Slot[][] {
  if (missing === 0) return [[...present]];
  const out: Slot[][] = [];
  // Insert from the end first: a lost byte is most often the last one (`â€` + 0x9D).
  for (let pos = present.length; pos >= 0; pos--) {
    for (const rest of fillPatterns(present.slice(pos), missing - 1)) {
      out.push([...present.slice(0, pos), null, ...rest]);
    }
  }
  return out;
}

function expandLost(pattern: readonly Slot[]): number[][] {
  let acc: number[][] = [[]];
  for (const slot of pattern) {
    const choices = slot === null ? LOST_BYTES : [slot];
    acc = acc.flatMap((prefix) => choices.map((b) => [...prefix, b]));
  }
  return acc;
}

/** Finds the group starting at `start` (a lead-byte character), or undefined if there is none. */
function readGroup(cps: readonly number[], start: number): Group | undefined {
  const lead = byteOf(cps[start] ?? -1);
  const length = sequenceLength(lead);
  if (lead === undefined || length === 0) return undefined;
  const slots: Slot[] = [];
  let end = start + 1;
  while (end < cps.length && slots.length < length - 1) {
    const cp = cps[end] ?? -1;
    const byte = byteOf(cp);
    if (cp === REPLACEMENT_CHAR) slots.push(null);
    else if (isContinuation(byte)) slots.push(byte);
    else break;
    end++;
  }
  // A lone lead character (`Ã`, `é`) is far more likely to be genuine than a sequence with every
  // continuation byte lost, so at least one real continuation byte is required.
  if (!slots.some((s) => s !== null)) return undefined;

  const missing = length - 1 - slots.length;
  const complete = missing === 0 && !slots.includes(null);
  const options: number[] = [];
  for (const pattern of fillPatterns(slots, missing)) {
    for (const tail of expandLost(pattern)) {
      const cp = decodeSequence([lead, ...tail]);
      if (cp >= 0 && !test(NOT_TEXT, cp) && !options.includes(cp)) options.push(cp);
    }
  }
  if (options.length === 0) return undefined;

  const first = options[0] ?? 0;
  let strong: boolean;
  if (!complete) strong = options.some(isSymbolish);
  // Two characters such as `É”` or `ß»` occur in real text; only Latin-1/Latin Extended results
  // (`Ã©` -> é, `Å¡` -> š) are believed alone, anything else needs a neighbouring group (`ÐŸÑ€`).
  else if (length === 2) strong = first >= 0xa0 && first <= 0x24f;
  else strong = true;
  return { start, end, options, complete, strong };
}

function repairOnce(text: string): string {
  const cps = Array.from(text, (ch) => ch.codePointAt(0) ?? 0);
  const groups: Group[] = [];
  for (let i = 0; i < cps.length;) {
    const group = readGroup(cps, i);
    if (group) {
      groups.push(group);
      i = group.end;
    } else {
      i++;
    }
  }
  if (groups.length === 0) return text;

  let out = '';
  let prevCp: number | undefined;
  let cursor = 0;
  groups.forEach((group, index) => {
    const before = groups[index - 1];
    const after = groups[index + 1];
    const adjacent = before?.end === group.start || after?.start === group.end;
    if (!group.strong && !adjacent) return;

    for (; cursor < group.start; cursor++) {
      prevCp = cps[cursor];
      out += String.fromCodePoint(prevCp ?? 0);
    }
    // Next to other mojibake anything valid may be meant; alone, an incomplete group is trusted only
    // for symbol-like completions (see isSymbolish).
    const allowed = group.complete || adjacent ? group.options : group.options.filter(isSymbolish);
    const nextByte = byteOf(cps[group.end] ?? -1);
    const nextStartsEmoji = nextByte === 0xf0 || test(PICTOGRAPHIC, cps[group.end]);
    let best = allowed[0] ?? 0;
    let bestScore = -1;
    for (const cp of allowed) {
      const score = plausibility(cp, prevCp, nextStartsEmoji);
      if (score > bestScore) {
        best = cp;
        bestScore = score;
      }
    }
    out += String.fromCodePoint(best);
    prevCp = best;
    cursor = group.end;
  });
  for (; cursor < cps.length; cursor++) out += String.fromCodePoint(cps[cursor] ?? 0);
  return out;
}

/**
 * Decodes bytes as Windows-1252, for files saved in that encoding rather than UTF-8. Undefined bytes
 * become U+0081 etc., as in the WHATWG decoder. (Node's own TextDecoder treats the label as Latin-1
 * when built without full ICU, so it cannot be relied on for 0x80-0x9F.)
 *
 * @param bytes - the raw file content
 * @returns the decoded text
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) {
    out += String.fromCharCode(byte >= 0x80 && byte < 0xa0 ? (CP1252_80_9F[byte - 0x80] ?? byte) : byte);
  }
  return out;
}

/**
 * Repairs text that was UTF-8 decoded as Windows-1252 ("mojibake": `donâ€™t` -> `don’t`), including
 * sequences whose undefined bytes (0x81, 0x8D, 0x8F, 0x90, 0x9D) were lost on the way.
 *
 * Only the mojibake runs change: clean text (`café`, `naïve`, `Zürich`, `—`, emoji) and text that mixes
 * clean and broken parts keep their clean parts as they are. Text that went through the mistake twice
 * is repaired twice. Pure function.
 *
 * @param text - any text, possibly partly mojibake
 * @returns the repaired text (the same string when nothing needed repair)
 */
export function repairMojibake(text: string): string {
  let current = text;
  // Each pass undoes one round of the mistake; three rounds is already far beyond what occurs.
  for (let pass = 0; pass < 3; pass++) {
    const next = repairOnce(current);
    if (next === current) break;
    current = next;
  }
  return current;
}
