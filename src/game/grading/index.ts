/**
 * The open-text grader. Pure: no I/O, no clock, no randomness, no module-level state (memos belong
 * to a compiled deck or card, so a room owns them).
 *
 * - {@link compileDeck} prepares a whole deck (its cards are each other's context: concept names,
 *   word weights, mix-ups), with WordNet data for its words and the host's learned examples;
 *   {@link compileCard} prepares one card (optionally with the same context).
 * - {@link gradeAnswer} grades one typed answer in microseconds: verdict, score, matched / missing
 *   key ideas, a short explanation, whether the grader is unsure, and a group key.
 * - {@link shortAnswer} is a card's answer in plain words for the reveal.
 * - {@link answerGroupKey} groups identically written answers for display.
 */
import type { Card } from '../../decks/types';
import { compileCard } from './compile';
import { gradeAnswer } from './grade';
import type { CompiledCard, Grade, Grader } from './types';

export { compileCard, compileDeck, compileDeckModel, compileTerm } from './compile';
export type {
  CardContext,
  CompiledChoice,
  CompiledDeck,
  CompiledDeckModel,
  CompiledIdea,
  GradingCard,
  PromptName,
  Term,
} from './compile';
export { gradeAnswer, gradeCard, modelFeatures } from './grade';
export { ACCEPT_AT, MODEL } from './refgrade';
export type { LinearModel } from './refgrade';
export { answerGroupKey } from './group';
export { lexiconWords } from './deck';
export type { LearnedExample } from './examples';
export type { LexEntry, LexiconData } from './lexicon';
export { keyIdeas, shortAnswer } from './short';
export type { CompiledCard, Grade, Grader, Verdict } from './types';

/** The grader as an object implementing the {@link Grader} interface. */
export const grader: Grader = {
  compile: (card: Card): CompiledCard => compileCard(card),
  grade: (compiled: CompiledCard, answer: string): Grade => gradeAnswer(compiled, answer),
};
export { accepted, ACCEPT_SCORE, computeMetrics, METRIC_DEFINITIONS, VERDICTS } from './metrics';
export type { GradingMetrics, LabelledVerdict } from './metrics';
