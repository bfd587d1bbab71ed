/**
 * Benchmark for the open-text grader: `tsx tools/bench/grading.ts [--answers N]`.
 *
 * Compiles every card of the built-in deck (reporting compile time per card), then grades N answers
 * (default 200,000) drawn round-robin from the eval set and prints the mean and p99 microseconds per
 * `gradeAnswer` call.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Card } from '../../src/decks/types';
import { compileCard, gradeAnswer, type CompiledCard } from '../../src/game/grading';
import { loadDeck, promptKey } from '../cli/grade';

const EVAL_SET = fileURLToPath(new URL('../../tests/grading/eval-set.jsonl', import.meta.url));

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
}

function main(): void {
  const i = process.argv.indexOf('--answers');
  const total = i >= 0 ? Number(process.argv[i + 1]) : 200_000;
  const loaded = loadDeck('kubernetes-networking');
  if (!loaded.ok) throw new Error(loaded.error);
  const cards = loaded.deck.cards;

  // compile time per card (repeat to get a stable figure)
  const compileRounds = 200;
  const t0 = process.hrtime.bigint();
  let compiled = new Map<Card, CompiledCard>();
  for (let r = 0; r < compileRounds; r++) {
    compiled = new Map(cards.map((c) => [c, compileCard(c)]));
  }
  const compileUs = Number(process.hrtime.bigint() - t0) / 1000 / (compileRounds * cards.length);

  const byPrompt = new Map(cards.map((c) => [promptKey(c.prompt), compiled.get(c)!]));
  const work: { compiled: CompiledCard; answer: string }[] = [];
  for (const line of readFileSync(EVAL_SET, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const row = JSON.parse(line) as { question: string; answer: string };
    const c = byPrompt.get(promptKey(row.question));
    if (c) work.push({ compiled: c, answer: row.answer });
  }
  // warm up
  for (let k = 0; k < 20_000; k++) {
    const w = work[k % work.length]!;
    gradeAnswer(w.compiled, w.answer);
  }
  const times = new Float64Array(total);
  let sink = 0;
  const start = process.hrtime.bigint();
  for (let k = 0; k < total; k++) {
    const w = work[k % work.length]!;
    const a = process.hrtime.bigint();
    const g = gradeAnswer(w.compiled, w.answer);
    times[k] = Number(process.hrtime.bigint() - a) / 1000;
    sink += g.score;
  }
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  const sorted = times.slice().sort();
  const mean = times.reduce((s, t) => s + t, 0) / total;
  console.log(`cards: ${cards.length}, eval answers: ${work.length}, graded: ${total}`);
  console.log(`compile: ${compileUs.toFixed(1)} µs per card`);
  console.log(
    `gradeAnswer: mean ${mean.toFixed(2)} µs, p50 ${percentile(sorted, 0.5).toFixed(2)} µs, p99 ${percentile(sorted, 0.99).toFixed(2)} µs, max ${sorted[sorted.length - 1]!.toFixed(1)} µs`,
  );
  console.log(
    `throughput: ${Math.round(total / (wallMs / 1000)).toLocaleString('en-US')} answers/s (checksum ${sink.toFixed(0)})`,
  );
}

main();
