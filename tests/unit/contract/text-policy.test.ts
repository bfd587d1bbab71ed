import { describe, expect, it } from 'vitest';
import { cleanText, isBlankText, type TextKind } from '../../../src/contract';
import { nicknameKey } from '../../../src/game/nickname';

/** The one text policy (src/contract/text-policy.ts) for every human text at a boundary [R2.2, R2.3, R4.4]. */

const ZWSP = '\u200b';
const RLO = '\u202e';
const KINDS: TextKind[] = ['nickname', 'personName', 'name', 'answer', 'deckLine'];

function ok(raw: string, kind: TextKind): string {
  const r = cleanText(raw, kind);
  if (!r.ok) throw new Error(`refused: ${r.message}`);
  return r.text;
}

describe('text policy', () => {
  it('[R2.2] refuses NUL and every other control character in every kind of field, naming it', () => {
    for (const kind of KINDS) {
      for (const c of ['\u0000', '\u0007', '\u001b', '\u007f', '\u0085', '\u009b']) {
        const r = cleanText(`ab${c}cd`, kind);
        expect(r.ok, `${kind} ${c.codePointAt(0)}`).toBe(false);
        if (!r.ok) {
          expect(r.problem).toBe('control');
          expect(r.message).toContain(`U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`);
        }
      }
    }
  });

  it('[R2.2] refuses malformed text (a lone surrogate), which no database column can store', () => {
    const r = cleanText('ab\ud800cd', 'answer');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem).toBe('malformed');
    expect(ok('ab😀cd', 'answer')).toBe('ab😀cd');
  });

  it('[R2.2] one-line fields fold tab and line breaks as whitespace; a deck line keeps its tabs', () => {
    expect(ok('  Ann\t\n Lee \r\n', 'nickname')).toBe('Ann Lee');
    expect(ok('\tcode\there', 'deckLine')).toBe('\tcode\there');
  });

  it('[R2.2] removes zero-width, bidi override, isolate and mark characters', () => {
    expect(ok(`ali${ZWSP}ce`, 'nickname')).toBe('alice');
    expect(ok(`${RLO}0001 :erocs`, 'nickname')).toBe('0001 :erocs');
    expect(ok('a\u2066b\u2069c\u200ed\u200f\u061ce\u2060f\ufeffg\u00adh', 'name')).toBe('abcdefgh');
    // Hangul filler and tag characters outside a flag are invisible too.
    expect(ok('x\u3164y\u{e0041}z', 'answer')).toBe('xyz');
  });

  it('[R2.2] keeps the invisible characters that do a visible job: emoji sequences, flags, joining scripts', () => {
    const family = '👩\u200d💻';
    expect(ok(family, 'nickname')).toBe(family);
    expect(ok('❤\ufe0f', 'answer')).toBe('❤\ufe0f');
    const scotland = '🏴\u{e0067}\u{e0062}\u{e0073}\u{e0063}\u{e0074}\u{e007f}';
    expect(ok(scotland, 'nickname')).toBe(scotland);
    // Persian "mi-xaham": the zero-width non-joiner is spelling there.
    const persian = 'می\u200cخواهم';
    expect(ok(persian, 'answer')).toBe(persian);
    // ... but not between Latin letters.
    expect(ok('a\u200cb\u200dc', 'nickname')).toBe('abc');
  });

  it('[R2.2] normalises: NFC everywhere, NFKC for nicknames and display names', () => {
    const decomposed = 'Jose\u0301';
    expect(ok(decomposed, 'answer')).toBe('José');
    expect(ok('ｆｕｌｌ ﬁ', 'nickname')).toBe('full fi');
    expect(ok('ｆｕｌｌ', 'personName')).toBe('full');
    expect(ok('ｆｕｌｌ', 'answer')).toBe('ｆｕｌｌ');
    // A removed invisible character between a letter and its mark: composed after removal.
    expect(ok(`e${ZWSP}\u0301`, 'name')).toBe('é');
  });

  it('[R4.4] whitespace-only, or invisible-only, is empty', () => {
    for (const raw of ['', '   ', '\t\n', `${ZWSP}${ZWSP}`, ` ${RLO} `, '\u3164']) {
      expect(ok(raw, 'answer'), JSON.stringify(raw)).toBe('');
      expect(isBlankText(raw)).toBe(true);
    }
    expect(isBlankText(' a ')).toBe(false);
  });

  it('is idempotent: cleaning a cleaned text changes nothing', () => {
    const samples = ['  Ann  ', `ali${ZWSP}ce`, 'Jose\u0301', 'ｆｕｌｌ', '👩\u200d💻 x', 'می\u200cخواهم', `${RLO}abc`];
    for (const kind of KINDS) {
      for (const s of samples) {
        const once = ok(s, kind);
        expect(ok(once, kind)).toBe(once);
      }
    }
  });
});

describe('nickname keys', () => {
  it('[R2.3] look-alikes share a key: case, accents, zero-width, Cyrillic letters, digits for letters', () => {
    const alice = nicknameKey('alice');
    for (const n of ['ALICE', 'Alicé', `ali${ZWSP}ce`, '\u0430lice' /* Cyrillic a */, 'ａｌｉｃｅ', 'AL\u0406CE' /* Cyrillic I */]) {
      expect(nicknameKey(n), n).toBe(alice);
    }
    expect(nicknameKey('b0b')).toBe(nicknameKey('bob'));
    expect(nicknameKey('rn')).toBe(nicknameKey('m'));
    expect(nicknameKey('  Ann   LEE ')).toBe(nicknameKey('ann lee'));
  });

  it('[R2.3] different names keep different keys', () => {
    const names = ['alice', 'alicia', 'bob', 'ann lee', 'annlee', 'Zoë', 'zoe2', '李雷', '韩梅梅', 'Дмитрий', 'Dmitri'];
    const keys = new Set(names.map(nicknameKey));
    // "Zoë" and "zoe2" differ; every name is apart from the others.
    expect(keys.size).toBe(names.length);
  });
});
