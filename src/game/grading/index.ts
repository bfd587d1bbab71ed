/**
 * The open-text grader. Pure: no I/O, no clock, no randomness.
 *
 * - {@link compileCard} prepares a card once (all phrases tokenised, stemmed and indexed).
 * - {@link gradeAnswer} grades one typed answer in microseconds.
 * - {@link answerGroupKey} groups equivalent answers for display.
 */
import type { Card } from '../../decks/types';
import { compileCard } from './compile';
import { gradeAnswer } from './grade';
import type { CompiledCard, Grade, Grader } from './types';

export { compileCard, compileTerm } from './compile';
export type { CompiledChoice, CompiledIdea, GradingCard, PromptName, Term } from './compile';
export { gradeAnswer, gradeCard } from './grade';
export { answerGroupKey } from './group';
export type { CompiledCard, Grade, Grader, Verdict } from './types';

/** The grader as an object implementing the {@link Grader} interface. */
export const grader: Grader = {
  compile: (card: Card): CompiledCard => compileCard(card),
  grade: (compiled: CompiledCard, answer: string): Grade => gradeAnswer(compiled, answer),
};
export { computeMetrics, METRIC_DEFINITIONS, VERDICTS } from './metrics';
export type { GradingMetrics, LabelledVerdict } from './metrics';
