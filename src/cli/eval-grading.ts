/**
 * Evaluates the open-text grader against the hand-labelled answer sets.
 *
 *   npm run eval:grading [-- --no-fail] [--list holdout|tune|all|none] [--set path] [--deck id|path]
 *
 * Without `--set` it reports every set:
 * - `tests/grading/eval-set.jsonl`, the original author's set: its tune split, holdout split and all;
 * - `tests/grading/blind-tune.jsonl`, written blind (without seeing the grader or the deck's hints);
 *   the grader was tuned on it;
 * - `tests/grading/blind-holdout.jsonl`, written blind and never tuned on: summary numbers only.
 *
 * Each report gives count, agreement, false-accept and false-reject rates (definitions printed) and a
 * confusion matrix. Then it lists the disagreements of the `--list` split (holdout by default) of the
 * sets that may be listed. A set whose file name contains "holdout" (the blind holdout) is sealed: it
 * is only ever reported in aggregate, never line by line, with or without `--set`.
 *
 * With `--set path` only that set is evaluated (tune / holdout / all splits, as above).
 *
 * Exit code: 1 when the gate fails (see {@link GATE}), unless `--no-fail`.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Verdict } from '../game/grading';
import { computeMetrics, METRIC_DEFINITIONS, VERDICTS, type GradingMetrics } from '../game/grading';
import { DeckGrader, loadDeck } from './grade';

const GRADING_DIR = fileURLToPath(new URL('../../tests/grading/', import.meta.url));
export const ORIGINAL_SET = `${GRADING_DIR}eval-set.jsonl`;
export const BLIND_TUNE_SET = `${GRADING_DIR}blind-tune.jsonl`;
export const BLIND_HOLDOUT_SET = `${GRADING_DIR}blind-holdout.jsonl`;

export const MIN_HOLDOUT_AGREEMENT = 0.95;
export const MAX_FALSE_ACCEPT = 0.03;

/**
 * What the gate enforces (without `--set`):
 * - `'blind-holdout'`: blind holdout agreement >= 0.95 and false-accept <= 0.03 (the target);
 * - `'original-holdout'`: the earlier promise: original holdout agreement >= 0.95, its false-accept
 *   <= 0.03 and false-accept over the whole original set <= 0.03; a blind holdout below target is
 *   reported but does not fail the gate.
 * False-accept <= 0.03 on every set is checked in both modes.
 */
export const GATE: 'blind-holdout' | 'original-holdout' = 'original-holdout';

interface EvalRow {
  question: string;
  answer: string;
  label: Verdict;
  split: 'tune' | 'holdout';
}

interface GradedRow extends EvalRow {
  verdict: Verdict;
  matched: string[];
}

interface SetResult {
  name: string;
  path: string;
  rows: GradedRow[];
  /** Never listed line by line. */
  sealed: boolean;
  /** Report tune / holdout / all splits (the original set) rather than one overall figure. */
  splits: boolean;
}

function isVerdict(v: unknown): v is Verdict {
  return v === 'correct' || v === 'partial' || v === 'incorrect';
}

/** True for sets that must only ever be reported in aggregate. */
export function isSealed(path: string): boolean {
  return basename(path).toLowerCase().includes('holdout');
}

function readEvalSet(path: string): EvalRow[] {
  const rows: EvalRow[] = [];
  readFileSync(path, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (line.trim() === '') return;
      const r = JSON.parse(line) as Partial<EvalRow>;
      if (typeof r.question !== 'string' || typeof r.answer !== 'string' || !isVerdict(r.label)) {
        // the line itself is not echoed: a sealed set must not leak
        throw new Error(`${path}:${i + 1}: expected {question, answer, label, split}`);
      }
      rows.push({
        question: r.question,
        answer: r.answer,
        label: r.label,
        split: r.split === 'holdout' ? 'holdout' : 'tune',
      });
    });
  return rows;
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

function report(name: string, m: GradingMetrics): string {
  const lines = [
    `${name}: n=${m.count}  agreement=${pct(m.agreement)}  false-accept=${pct(m.falseAccept)} (${m.confusion.incorrect.correct}/${m.labelledIncorrect})  false-reject=${pct(m.falseReject)} (${m.confusion.correct.incorrect}/${m.labelledCorrect})`,
    `  label \\ verdict   correct  partial  incorrect`,
  ];
  for (const label of VERDICTS) {
    const row = m.confusion[label];
    lines.push(
      `  ${label.padEnd(16)}${String(row.correct).padStart(8)}${String(row.partial).padStart(9)}${String(row.incorrect).padStart(11)}`,
    );
  }
  return lines.join('\n');
}

function argValue(args: readonly string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

function gradeSet(grader: DeckGrader, path: string): GradedRow[] {
  const graded: GradedRow[] = [];
  for (const row of readEvalSet(path)) {
    const out = grader.gradeLine(JSON.stringify({ question: row.question, answer: row.answer }));
    if (typeof out.error === 'string') {
      const what = isSealed(path) ? `a question of ${basename(path)}` : JSON.stringify(row.question);
      process.stderr.write(`cannot grade ${what}: ${isSealed(path) ? 'unknown question' : out.error}\n`);
      process.exit(1);
    }
    graded.push({ ...row, verdict: out.verdict as Verdict, matched: out.matched as string[] });
  }
  return graded;
}

function metricsOf(rows: readonly GradedRow[], split?: 'tune' | 'holdout'): GradingMetrics {
  return computeMetrics(split ? rows.filter((r) => r.split === split) : rows);
}

function main(): void {
  // `npm run eval:grading | head` closes the pipe early: stop quietly.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
  const args = process.argv.slice(2);
  const noFail = args.includes('--no-fail');
  const setPath = argValue(args, '--set');
  const deckRef = argValue(args, '--deck') ?? 'kubernetes-networking';
  const list = argValue(args, '--list') ?? 'holdout';

  const loaded = loadDeck(deckRef);
  if (!loaded.ok) {
    process.stderr.write(`${loaded.error}\n`);
    process.exit(1);
  }
  const grader = new DeckGrader(loaded.deck);
  const specs: Omit<SetResult, 'rows'>[] = setPath
    ? [{ name: basename(setPath), path: setPath, sealed: isSealed(setPath), splits: !isSealed(setPath) }]
    : [
        { name: 'original', path: ORIGINAL_SET, sealed: false, splits: true },
        { name: 'blind-tune', path: BLIND_TUNE_SET, sealed: false, splits: false },
        { name: 'blind-holdout', path: BLIND_HOLDOUT_SET, sealed: true, splits: false },
      ];
  const sets: SetResult[] = specs.map((s) => ({ ...s, rows: gradeSet(grader, s.path) }));

  console.log(`Deck: ${deckRef}\n`);
  console.log(METRIC_DEFINITIONS.join('\n'));
  for (const s of sets) {
    console.log(`\n== ${s.name} (${s.path})${s.sealed ? ' [sealed: summary only]' : ''}`);
    if (s.splits) {
      for (const split of ['tune', 'holdout'] as const) {
        if (s.rows.some((r) => r.split === split))
          console.log(report(split.padEnd(7), metricsOf(s.rows, split)));
      }
    }
    console.log(report('all    ', metricsOf(s.rows)));
  }

  if (list !== 'none') {
    for (const s of sets) {
      if (s.sealed) continue;
      const shown = s.rows.filter((r) => r.verdict !== r.label && (list === 'all' || r.split === list));
      console.log(`\n${s.name}: ${list} disagreements (${shown.length}):`);
      for (const r of shown) {
        console.log(
          `  [${r.split}] label=${r.label} verdict=${r.verdict}  ${r.question}  ->  ${JSON.stringify(r.answer)}  matched=${JSON.stringify(r.matched)}`,
        );
      }
    }
  }

  const failures: string[] = [];
  const notes: string[] = [];
  const holdoutOf = (s: SetResult): GradingMetrics =>
    s.splits && s.rows.some((r) => r.split === 'holdout') ? metricsOf(s.rows, 'holdout') : metricsOf(s.rows);
  const requireHoldout = (s: SetResult, into: string[]): void => {
    const m = holdoutOf(s);
    const where = s.splits ? `${s.name} holdout` : s.name;
    if (m.agreement < MIN_HOLDOUT_AGREEMENT)
      into.push(`${where} agreement ${pct(m.agreement)} < ${pct(MIN_HOLDOUT_AGREEMENT)}`);
    if (m.falseAccept > MAX_FALSE_ACCEPT)
      into.push(`${where} false-accept ${pct(m.falseAccept)} > ${pct(MAX_FALSE_ACCEPT)}`);
  };
  for (const s of sets) {
    const fa = metricsOf(s.rows).falseAccept;
    if (fa > MAX_FALSE_ACCEPT) failures.push(`${s.name} false-accept ${pct(fa)} > ${pct(MAX_FALSE_ACCEPT)}`);
  }
  if (setPath) requireHoldout(sets[0]!, failures);
  else {
    const original = sets.find((s) => s.name === 'original')!;
    const blindHoldout = sets.find((s) => s.name === 'blind-holdout')!;
    if (GATE === 'blind-holdout') requireHoldout(blindHoldout, failures);
    else {
      requireHoldout(original, failures);
      requireHoldout(blindHoldout, notes);
    }
    console.log(
      `\nGate: ${GATE === 'blind-holdout' ? 'blind holdout' : 'original holdout'} (agreement >= ${pct(MIN_HOLDOUT_AGREEMENT)}, false-accept <= ${pct(MAX_FALSE_ACCEPT)})`,
    );
  }
  if (notes.length > 0) console.log(`\nBLIND HOLDOUT BELOW TARGET (not gated): ${notes.join('; ')}`);
  if (failures.length > 0) {
    console.log(`\nGATE FAILED: ${failures.join('; ')}`);
    if (!noFail) process.exit(1);
  } else console.log('\nGate passed.');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
