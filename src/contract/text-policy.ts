/**
 * The one text policy for human text that crosses a boundary: nicknames and typed answers on the socket,
 * profile, group and season names over HTTP, and deck files (upload, command line, built-in) [R2.2, R2.3, R4.4,
 * R11.2, R11.6]. The game, the protocol's schemas and the deck reader all call `cleanText`; nothing else decides
 * what text is acceptable.
 *
 * - Refused, with a message naming the character: control characters (C0, DEL, C1: NUL among them, which
 *   Postgres cannot store) and malformed UTF-16 (a lone surrogate). One-line fields take tab and line breaks as
 *   whitespace (folded to one space); a deck line keeps its tabs.
 * - Removed: invisible format characters (Unicode's Default_Ignorable_Code_Point: zero-width space, word joiner,
 *   soft hyphen, bidi embeddings, overrides, isolates and marks, fillers, tags ...), which make two names that
 *   look alike differ or make a name display as something else. Kept only where they do a visible job: a
 *   zero-width joiner inside an emoji sequence or between letters of a joining script (Arabic, Indic, ...), an
 *   emoji variation selector after a character that has an emoji form, tag characters inside a flag.
 * - Normalised: NFC everywhere; NFKC for nicknames and display names (full-width letters, ligatures and
 *   superscripts become plain letters, so a name is stored as it reads).
 * - Folded (one-line fields): every run of whitespace becomes one space, ends trimmed. A text that is only
 *   whitespace or invisible characters comes out empty, and every caller treats empty as missing.
 *
 * Imports nothing: the browser uses it too (a nickname the phone accepts is the one the server stores).
 * The confusable skeleton that makes nicknames unique [R2.3] needs Unicode's confusables table (about 30 KB
 * gzipped), so it lives with the game on the server (src/game/nickname.ts), not here.
 */

/** What kind of field a text is for. */
export type TextKind =
  /** A player's nickname in a room: one line, NFKC. */
  | 'nickname'
  /** A person's display name (a profile): one line, NFKC. */
  | 'personName'
  /** A group or season name, a file name: one line, NFC. */
  | 'name'
  /** A typed answer: one line, NFC. */
  | 'answer'
  /** One line of a deck file: tabs kept, no folding (the deck reader splits lines and trims fields). */
  | 'deckLine';

export type TextCheck =
  | { ok: true; text: string }
  | {
      ok: false;
      /** `control`: a control character; `malformed`: broken UTF-16 (a lone surrogate). */
      problem: 'control' | 'malformed';
      /** Fit to show after the field's name: "contains a control character (U+0000)". */
      message: string;
      /** The offending character's code point (for `control`). */
      codePoint?: number;
    };

const NFKC_KINDS: ReadonlySet<TextKind> = new Set(['nickname', 'personName']);

/** Printable ASCII only: nothing to refuse, remove or normalise (most answers and names take this path). */
const PLAIN_ASCII = /^[\x20-\x7e]*$/;
/** C0 and C1 controls and DEL; tab, LF and CR are looked at separately. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/u;
/** In a `u` regex a surrogate pair is one code point, so this matches only a surrogate without its partner. */
const LONE_SURROGATE = /[\ud800-\udfff]/u;
const INVISIBLE = /\p{Default_Ignorable_Code_Point}/u;
const INVISIBLE_ALL = /\p{Default_Ignorable_Code_Point}/gu;

/** Scripts whose letters take a zero-width joiner or non-joiner to choose a glyph form: there it is spelling. */
const JOINING_LETTER =
  /[\p{Script=Arabic}\p{Script=Syriac}\p{Script=Nko}\p{Script=Mongolian}\p{Script=Devanagari}\p{Script=Bengali}\p{Script=Gurmukhi}\p{Script=Gujarati}\p{Script=Oriya}\p{Script=Tamil}\p{Script=Telugu}\p{Script=Kannada}\p{Script=Malayalam}\p{Script=Sinhala}\p{Script=Myanmar}\p{Script=Khmer}]/u;
const PICTOGRAPH = /[\p{Extended_Pictographic}\p{Emoji_Modifier}\u20e3]/u;
/** Characters with an emoji and a text form, which a variation selector (VS15/VS16) picks between. */
const EMOJI_BASE = /[\p{Emoji}]/u;
const BLACK_FLAG = 0x1f3f4;

function hex(cp: number): string {
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Removes invisible characters except where they do a visible job (see the module comment). */
export function removeInvisible(text: string): string {
  if (!INVISIBLE.test(text)) return text;
  const chars = Array.from(text);
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] ?? '';
    if (!INVISIBLE.test(c)) {
      out += c;
      continue;
    }
    const cp = c.codePointAt(0) ?? 0;
    const before = chars[i - 1] ?? '';
    const after = chars[i + 1] ?? '';
    if (cp === 0x200d && PICTOGRAPH.test(lastVisible(chars, i)) && PICTOGRAPH.test(after)) {
      out += c; // 👩‍💻: a zero-width joiner inside an emoji sequence
    } else if ((cp === 0x200c || cp === 0x200d) && JOINING_LETTER.test(before) && JOINING_LETTER.test(after)) {
      out += c; // spelling in Arabic and Indic scripts
    } else if ((cp === 0xfe0e || cp === 0xfe0f) && EMOJI_BASE.test(before)) {
      out += c; // ❤️ (emoji form) or ❤︎ (text form)
    } else if (cp >= 0xe0020 && cp <= 0xe007f && insideFlag(chars, i)) {
      out += c; // 🏴 + tags: a subdivision flag
    }
  }
  return out;
}

/** The character an emoji joiner attaches to: the one before, skipping a variation selector or skin tone. */
function lastVisible(chars: string[], i: number): string {
  for (let j = i - 1; j >= 0; j--) {
    const c = chars[j] ?? '';
    const cp = c.codePointAt(0) ?? 0;
    if (cp === 0xfe0f || (cp >= 0x1f3fb && cp <= 0x1f3ff)) continue;
    return c;
  }
  return '';
}

function insideFlag(chars: string[], i: number): boolean {
  for (let j = i - 1; j >= 0; j--) {
    const cp = chars[j]?.codePointAt(0) ?? 0;
    if (cp === BLACK_FLAG) return true;
    if (cp < 0xe0020 || cp > 0xe007f) return false;
  }
  return false;
}

/** Folds every run of whitespace into one space and trims the ends [R2.2]. */
function fold(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Checks and cleans one human text for a field of `kind`: refuses control characters and malformed text,
 * removes invisible characters, normalises, and folds one-line fields. Pure and idempotent.
 */
export function cleanText(raw: string, kind: TextKind): TextCheck {
  const oneLine = kind !== 'deckLine';
  if (PLAIN_ASCII.test(raw)) return { ok: true, text: oneLine ? fold(raw) : raw };
  if (LONE_SURROGATE.test(raw)) {
    return { ok: false, problem: 'malformed', message: 'contains malformed text (a lone UTF-16 surrogate)' };
  }
  const control = CONTROL.exec(raw) ?? (oneLine ? null : /[\n\r]/.exec(raw));
  if (control) {
    const codePoint = control[0].codePointAt(0) ?? 0;
    return {
      ok: false,
      problem: 'control',
      codePoint,
      message: `contains a control character (${hex(codePoint)}), which is not allowed`,
    };
  }
  const form = NFKC_KINDS.has(kind) ? 'NFKC' : 'NFC';
  // Removing an invisible character can bring a letter next to its combining mark (compose again after), and
  // NFKC can turn a compatibility character into an invisible one (remove again after).
  let text = removeInvisible(removeInvisible(raw).normalize(form)).normalize(form);
  if (oneLine) text = fold(text);
  return { ok: true, text };
}

/** True when `raw` has nothing visible once cleaned: whitespace and invisible characters only. */
export function isBlankText(raw: string): boolean {
  const r = cleanText(raw, 'answer');
  return r.ok && r.text === '';
}

/** Removes every invisible character, with no exception (for comparison keys, never for display). */
export function removeAllInvisible(text: string): string {
  return text.replace(INVISIBLE_ALL, '');
}
