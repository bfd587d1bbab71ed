/**
 * Evaluates the open-text grader against the hand-labelled eval set.
 *
 *   npm run eval:grading [-- --no-fail] [--set path] [--deck id|path] [--list holdout|tune|all|none]
 *
 * Prints, for the tune split, the holdout split and all answers: count, agreement, false-accept and
 * false-reject rates (definitions printed) and a confusion matrix; then lists the disagreements of
 * the `--list` split (holdout by default). Exits 1 when holdout agreement < 0.95 or the false-accept
 * rate (holdout or all) > 0.03, unless `--no-fail`.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Verdict } from '../game/grading';
import { computeMetrics, METRIC_DEFINITIONS, VERDICTS, type GradingMetrics } from '../game/grading';
import { DeckGrader, loadDeck } from './grade';

const DEFAULT_SET = fileURLToPath(new URL('../../tests/grading/eval-set.jsonl', import.meta.url));
export const MIN_HOLDOUT_AGREEMENT = 0.95;
export const MAX_FALSE_ACCEPT = 0.03;

interface EvalRow {
  question: string;
  answer: string;
  label: Verdict;
  split: 'tune' | 'holdout';
}

interface GradedRow extends EvalRow {
  verdict: Verdict;
  score: number;
  matched: string[];
  missing: string[];
}

function isVerdict(v: unknown): v is Verdict {
  return v === 'correct' || v === 'partial' || v === 'incorrect';
}

function readEvalSet(path: string): EvalRow[] {
  const rows: EvalRow[] = [];
  readFileSync(path, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (line.trim() === '') return;
      const r = JSON.parse(line) as Partial<EvalRow>;
      if (typeof r.question !== 'string' || typeof r.answer !== 'string' || !isVerdict(r.label)) {
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

function main(): void {
  // `npm run eval:grading | head` closes the pipe early: stop quietly.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
  const args = process.argv.slice(2);
  const noFail = args.includes('--no-fail');
  const setPath = argValue(args, '--set') ?? DEFAULT_SET;
  const deckRef = argValue(args, '--deck') ?? 'kubernetes-networking';
  const list = argValue(args, '--list') ?? 'holdout';

  const loaded = loadDeck(deckRef);
  if (!loaded.ok) {
    process.stderr.write(`${loaded.error}\n`);
    process.exit(1);
  }
  const grader = new DeckGrader(loaded.deck);
  const graded: GradedRow[] = [];
  for (const row of readEvalSet(setPath)) {
    const out = grader.gradeLine(JSON.stringify({ question: row.question, answer: row.answer }));
    if (typeof out.error === 'string') {
      process.stderr.write(`cannot grade ${JSON.stringify(row.question)}: ${out.error}\n`);
      process.exit(1);
    }
    graded.push({
      ...row,
      verdict: out.verdict as Verdict,
      score: out.score as number,
      matched: out.matched as string[],
      missing: out.missing as string[],
    });
  }
  const tune = computeMetrics(graded.filter((r) => r.split === 'tune'));
  const holdout = computeMetrics(graded.filter((r) => r.split === 'holdout'));
  const all = computeMetrics(graded);

  console.log(`Eval set: ${setPath}\nDeck: ${deckRef}\n`);
  console.log(METRIC_DEFINITIONS.join('\n'));
  console.log('');
  console.log(report('tune   ', tune));
  console.log(report('holdout', holdout));
  console.log(report('all    ', all));

  if (list !== 'none') {
    const shown = graded.filter((r) => r.verdict !== r.label && (list === 'all' || r.split === list));
    console.log(`\n${list} disagreements (${shown.length}):`);
    for (const r of shown) {
      console.log(
        `  [${r.split}] label=${r.label} verdict=${r.verdict}  ${r.question}  ->  ${JSON.stringify(r.answer)}  matched=${JSON.stringify(r.matched)}`,
      );
    }
  }

  const failures: string[] = [];
  if (holdout.agreement < MIN_HOLDOUT_AGREEMENT)
    failures.push(`holdout agreement ${pct(holdout.agreement)} < 95%`);
  if (holdout.falseAccept > MAX_FALSE_ACCEPT)
    failures.push(`holdout false-accept ${pct(holdout.falseAccept)} > 3%`);
  if (all.falseAccept > MAX_FALSE_ACCEPT) failures.push(`overall false-accept ${pct(all.falseAccept)} > 3%`);
  if (failures.length > 0) {
    console.log(`\nGATE FAILED: ${failures.join('; ')}`);
    if (!noFail) process.exit(1);
  } else console.log('\nGate passed.');
}

main();
