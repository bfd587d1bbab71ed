import { describe, expect, it } from 'vitest';
import { csvCell, csvRow, csvTable } from '../../../src/boards/csv';
import { exportJson, once, playersCsv } from '../../../src/server/services/boards/export-formats';
import type { ExportPlayer } from '../../../src/server/services/boards/exports';

async function collect(it: AsyncIterable<string>): Promise<string> {
  let out = '';
  for await (const s of it) out += s;
  return out;
}

describe('CSV exports', () => {
  it('[R11.8] quotes commas, quotes and line breaks (RFC 4180), CRLF rows', () => {
    expect(csvRow(['a', 'b,c', 'say "hi"', 'two\nlines', 3, null, true])).toBe('a,"b,c","say ""hi""","two\nlines",3,,true\r\n');
    expect(csvCell(new Date('2026-11-26T10:00:00Z'))).toBe('2026-11-26T10:00:00.000Z');
    expect(csvCell(Number.NaN)).toBe('');
  });

  it('[R11.8] text a spreadsheet would run as a formula is defused; numbers are not', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('@cmd')).toBe("'@cmd");
    expect(csvCell(-5)).toBe('-5');
  });

  it('[R11.8] tables pick columns in header order; the players CSV starts with a BOM for Excel', async () => {
    expect(csvTable(['b', 'a'], [{ a: 1, b: 2 }])).toBe('b,a\r\n2,1\r\n');
    const p: ExportPlayer = {
      rank: 1,
      nickname: 'Zoë',
      profileId: 'p1',
      displayName: 'Zoë',
      games: 2,
      score: 1500,
      correct: 2,
      answered: 3,
      accuracy: 2 / 3,
      avgMs: 4100,
      movement: null,
      removed: false,
    };
    const csv = await collect(playersCsv([p]));
    expect(csv.startsWith('\uFEFFrank,nickname,profile_id,')).toBe(true);
    expect(csv.split('\r\n')[1]).toBe('1,Zoë,p1,Zoë,2,1500,2,3,0.6667,4100,,false');
  });

  it('[R11.8] the JSON export is one valid document with players and the streamed answers', async () => {
    const json = await collect(exportJson({ room: { code: 'ABCDEF' } }, [], once([])));
    expect(JSON.parse(json)).toEqual({ room: { code: 'ABCDEF' }, players: [], answers: [] });
  });
});
