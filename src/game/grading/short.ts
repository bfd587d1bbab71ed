/**
 * A card's answer in plain words for the reveal: the reference's own short answer (its first sentence,
 * up to its first colon or semicolon, without Markdown marks or asides in parentheses), or the
 * names a list answer gives. Never matcher syntax. Pure.
 */
import type { Card } from '../../decks/types';
import { compileList } from './lists';
import { buildDeckModel } from './deck';
import type { GradingCard } from './compile';

/** Longest short answer; a longer first sentence is cut at a word boundary. */
const MAX_SHORT = 140;

function plain(text: string): string {
  return text
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/\*\*([^*]*)\*\*/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/(^|\s)[*_]([^*_]+)[*_](?=\s|[.,;:!?]|$)/g, '$1$2')
    .replace(/\s*\([^)]*\)/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The short answer of a card, in plain words.
 * @param card - a deck card
 * @returns e.g. "CNI, the Container Network Interface, is a CNCF specification for network plugins"
 *   or "Calico, Flannel, Cilium, Weave Net"
 */
export function shortAnswer(card: Card): string {
  const lines = card.answer.split('\n').map((l) => l.trim());
  const bullets = lines.filter((l) => /^([*\-•+]|\d+[.)])\s+/.test(l));
  const list = compileList(buildDeckModel([card]), card.prompt, card.answer);
  if (list)
    return cut(
      list.items
        .slice(0, 6)
        .map((i) => plain(i.label))
        .join(', '),
    );
  if (bullets.length >= 2) {
    const heads = bullets.map(
      (b) => plain(b.replace(/^([*\-•+]|\d+[.)])\s+/, '')).split(/\s+[–—-]\s+|:\s+/)[0]!,
    );
    return cut(heads.join(', '));
  }
  const prose = plain(lines.filter((l) => l !== '' && !l.startsWith('```')).join(' '));
  const first = prose.split(/(?<=[.!?])\s+(?=[A-Z])/)[0] ?? prose;
  const clause = first.split(/;\s+|:\s+(?=[a-z])/)[0] ?? first;
  return cut(clause.replace(/[.;:]+$/, ''));
}

function cut(text: string): string {
  if (text.length <= MAX_SHORT) return text;
  const at = text.lastIndexOf(' ', MAX_SHORT - 1);
  return `${text.slice(0, at > 40 ? at : MAX_SHORT - 1)}…`;
}

/**
 * The key ideas a card is graded on, in plain words (the deck page's preview): its `Idea:` labels; else, for a
 * list question, the valid items; else the reference's clauses an answer must cover (those of its first
 * sentence and its bullets). Never stems or matcher syntax.
 * @param compiled - the card compiled (in its deck, ideally)
 */
export function keyIdeas(compiled: GradingCard): string[] {
  const card = compiled.card;
  if (card.ideas && card.ideas.length > 0) return card.ideas.map((i) => i.label);
  const list = compiled.ref.list;
  if (list) return list.items.map((i) => plain(i.label));
  return compiled.ref.ref.ideas.filter((i) => i.sentence === 0 || i.bullet).map((i) => i.label);
}
