import type { Card } from '../../decks/types';
import {
  compileCard,
  compileDeck,
  gradeAnswer,
  lexiconWords,
  type CompiledDeck,
  type GradingCard,
  type LearnedExample,
  type LexiconData,
} from '../../game/grading';
import { readWordNet } from '../../lexicon/wordnet';
import type { ExampleVerdict } from '../repositories/decks';
import type { TextGrader } from '../room/grades';

/**
 * A deck compiled for grading as a game grades it [R4.7, R7.4]: all its cards together (each other's context:
 * concept names, mix-ups), with WordNet data for its words and the examples the host settled in earlier games.
 * Rooms and the deck page's "try an answer" box use the same compiled deck, so a try grades as a game would.
 *
 * Compiling costs a few hundred milliseconds for a 20-card deck (WordNet reads most of it), so the result is
 * kept per deck version and set of examples; a new example or an edit makes a new version.
 */

export interface DeckForGrading {
  id: string;
  updatedAt: Date;
  cards: readonly { id: string; card: Card }[];
}

interface ExampleForGrading {
  id: string;
  cardId: string;
  text: string;
  verdict: ExampleVerdict;
}

export interface GradedDeck {
  compiled: CompiledDeck;
  /** The compiled card of a deck card (by id); undefined for a card not in this version. */
  card(cardId: string): GradingCard | undefined;
  /** The grader a room uses: a card of this deck gets its compiled form, any other card is compiled alone. */
  grader: TextGrader;
}

const MAX_DECKS = 32;
const lexicons = new Map<string, { version: number; lexicon: LexiconData }>();
const compiledDecks = new Map<string, { key: string; graded: GradedDeck }>();

function remember<V>(map: Map<string, V>, id: string, value: V): void {
  map.delete(id);
  map.set(id, value);
  if (map.size > MAX_DECKS) map.delete(map.keys().next().value ?? '');
}

/** The host's verdicts in the grader's terms. */
export function learnedExamples(examples: readonly { text: string; verdict: ExampleVerdict }[]): LearnedExample[] {
  return examples.map((e) => ({ text: e.text, verdict: e.verdict === 'accept' ? 'correct' : 'incorrect' }));
}

function lexiconOf(deck: DeckForGrading): LexiconData {
  const version = deck.updatedAt.getTime();
  const hit = lexicons.get(deck.id);
  if (hit && hit.version === version) return hit.lexicon;
  const lexicon = readWordNet(lexiconWords(deck.cards.map((c) => c.card)));
  remember(lexicons, deck.id, { version, lexicon });
  return lexicon;
}

/**
 * The deck compiled with its learned examples (kept while neither changes).
 * @param deck - a stored deck (its `updatedAt` is its version)
 * @param examples - every learned example of the deck
 */
export function gradedDeck(deck: DeckForGrading, examples: readonly ExampleForGrading[]): GradedDeck {
  const key = `${deck.updatedAt.getTime()}|${examples.map((e) => `${e.id}:${e.verdict}:${e.text}`).join('\n')}`;
  const hit = compiledDecks.get(deck.id);
  if (hit && hit.key === key) return hit.graded;
  const byCard = new Map<string, ExampleForGrading[]>();
  for (const e of examples) byCard.set(e.cardId, [...(byCard.get(e.cardId) ?? []), e]);
  const ids = deck.cards.map((c) => c.id);
  const compiled = compileDeck(
    deck.cards.map((c) => c.card),
    { lexicon: lexiconOf(deck), examples: (_card, i) => learnedExamples(byCard.get(ids[i] ?? '') ?? []) },
  );
  const byId = new Map(deck.cards.map((c, i) => [c.id, compiled.cards[i]!]));
  const byCardObject = new Map<Card, GradingCard>(compiled.cards.map((c) => [c.card, c]));
  const graded: GradedDeck = {
    compiled,
    card: (cardId) => byId.get(cardId),
    grader: {
      compile: (card) => byCardObject.get(card) ?? compiled.card(card.prompt) ?? compileCard(card),
      grade: gradeAnswer,
    },
  };
  remember(compiledDecks, deck.id, { key, graded });
  return graded;
}
