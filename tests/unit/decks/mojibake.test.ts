import { describe, expect, it } from 'vitest';
import { decodeWindows1252, repairMojibake } from '../../../src/decks/mojibake';

/** Windows-1252 for 0x80-0x9F (0 = undefined), written out here independently of the module under test. */
const CP1252_HIGH = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0,
  0x017d, 0, 0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a,
  0x0153, 0, 0x017e, 0x0178,
];

/**
 * Produces mojibake the way the seed file got it: UTF-8 bytes read as Windows-1252. Undefined bytes
 * are dropped (`lost`) or kept as C1 controls (`kept`, what WHATWG decoders do).
 */
function mojibake(text: string, undefinedBytes: 'lost' | 'kept' = 'lost'): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const mapped = byte >= 0x80 && byte < 0xa0 ? (CP1252_HIGH[byte - 0x80] ?? 0) : byte;
    if (mapped !== 0) out += String.fromCharCode(mapped);
    else if (undefinedBytes === 'kept') out += String.fromCharCode(byte);
  }
  return out;
}

describe('repairMojibake', () => {
  it.each([
    ['donâ€™t', 'don’t'],
    ['cafÃ©', 'café'],
    ['Internet â†’ Pod', 'Internet → Pod'],
    ['â€œquotedâ€\u009d', '“quoted”'],
    ['naÃ¯ve ZÃ¼rich â€” ok', 'naïve Zürich — ok'],
    ['ðŸ‘‰ point', '👉 point'],
    ['ÐŸÑ€Ð¸Ð²ÐµÑ‚', 'Привет'],
  ])('repairs %j', (broken, clean) => {
    expect(repairMojibake(broken)).toBe(clean);
  });

  it('completes a right double quote whose 0x9D was lost', () => {
    expect(repairMojibake('â€œHow does traffic flow?â€')).toBe('“How does traffic flow?”');
  });

  it('completes U+FE0F whose final 0x8F was lost (the seed title)', () => {
    const repaired = repairMojibake('â˜¸ï¸ SECTION 4: Kubernetes Networking');
    expect(repaired).toBe('\u2638\uFE0F SECTION 4: Kubernetes Networking');
  });

  it('completes a lost byte in the middle of a sequence (❤️ = E2 9D A4 EF B8 8F)', () => {
    expect(mojibake('❤️')).toBe('â¤ï¸');
    expect(repairMojibake('â¤ï¸ love')).toBe('❤️ love');
  });

  it('restores zero-width joiners between emoji', () => {
    const family = '👨‍👩‍👧';
    expect(repairMojibake(mojibake(family))).toBe(family);
  });

  it('uses kept C1 controls and U+FFFD as the undefined bytes', () => {
    expect(repairMojibake(mojibake('“quoted” ☸️', 'kept'))).toBe('“quoted” ☸️');
    expect(repairMojibake('â€\uFFFD')).toBe('”');
  });

  it.each([
    'don’t stop',
    '“quoted”',
    '☸️ Kubernetes',
    '❤️',
    'café, naïve, Zürich',
    'São Paulo',
    'Ölçü',
    '中文',
    'Привет мир',
  ])('round-trips %j through mojibake', (text) => {
    expect(repairMojibake(mojibake(text))).toBe(text);
  });

  it.each([
    'café',
    'naïve',
    'Zürich',
    'a — b – c',
    'emoji 😀 ☸️ 👉',
    'Internet → Pod',
    'café… s’il vous plaît',
    'un café”',
    '«CAFÉ»',
    '„ÄRGER“',
    'Straße»',
    'SÃO PAULO',
    'amanhã…',
    'pasó…',
    'við’',
    'plain ASCII',
    '',
  ])('leaves clean text %j unchanged', (text) => {
    expect(repairMojibake(text)).toBe(text);
  });

  it('repairs only the mojibake runs of mixed text', () => {
    const mixed = 'Clean “quotes” and café — then donâ€™t and â†’ arrows, 😀 stays.';
    expect(repairMojibake(mixed)).toBe('Clean “quotes” and café — then don’t and → arrows, 😀 stays.');
  });

  it('repairs text that went through the mistake twice', () => {
    expect(repairMojibake(mojibake(mojibake('don’t')))).toBe('don’t');
  });

  it('leaves a lone lead character alone (it may be genuine)', () => {
    expect(repairMojibake('Ã and â alone')).toBe('Ã and â alone');
  });

  it('is idempotent', () => {
    const once = repairMojibake('donâ€™t â€œstopâ€');
    expect(repairMojibake(once)).toBe(once);
  });
});

describe('decodeWindows1252', () => {
  it('maps 0x80-0x9F to their Windows-1252 characters', () => {
    expect(decodeWindows1252(Uint8Array.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0x93, 0x80, 0x94, 0x81]))).toBe(
      'café “€”\u0081',
    );
  });
});
