import type { RoomStatus } from '../contract';

/**
 * What counts [R11.1]: the one statement of it. Boards, insights, personal pages and exports count finished
 * games only (not `lobby`, `running` or `abandoned`); a player the host removed never counts; a result a group
 * admin hid is left out of that group's figures (the person's own page keeps it); answers to a voided question
 * (skipped, or open when the game ended) never count, nor do answers to a question with no right answer (a poll, a
 * word cloud [R12.7]). The repository builds its SQL from `countedSql` below;
 * the predicates say the same for anything already in memory, and the tests hold the two to each other.
 */

export const COUNTED_ROOM_STATUS: RoomStatus = 'finished';

/** A group's figures (boards, insights, group exports), or a person's own page. */
export type CountedIn = 'group' | 'personal';

/** The facts about a player's seat in a game that decide whether it counts. */
export interface ResultFacts {
  roomStatus: string;
  removed: boolean;
  hiddenFromGroup: boolean;
}

export interface AnswerFacts extends ResultFacts {
  questionSkipped: boolean;
  /** The question's kind; absent: a kind with a right answer. */
  questionKind?: string;
}

/**
 * Question kinds with no right answer (a poll, a word cloud [R12.7]): their answers are opinions, so they never
 * count towards accuracy or answer time. The same list as `isScored` of src/game/kinds (a test holds them together).
 */
export const UNSCORED_KINDS: readonly string[] = ['poll', 'cloud'];
const UNSCORED_SQL = UNSCORED_KINDS.map((k) => `'${k}'`).join(', ');

export function resultCounts(r: ResultFacts, where: CountedIn): boolean {
  return r.roomStatus === COUNTED_ROOM_STATUS && !r.removed && (where === 'personal' || !r.hiddenFromGroup);
}

export function answerCounts(a: AnswerFacts, where: CountedIn): boolean {
  return resultCounts(a, where) && !a.questionSkipped && !UNSCORED_KINDS.includes(a.questionKind ?? '');
}

/**
 * The same rules as SQL conditions, over the aliases the queries use: `r` for "Room", `p` for "Player", `a` for
 * "Answer". Constant text (no input goes into them), so the repository may splice them in raw.
 */
export const countedSql = {
  room: (r = 'r') => `${r}."status" = '${COUNTED_ROOM_STATUS}'`,
  result: (where: CountedIn, p = 'p') =>
    where === 'group'
      ? `${p}."removedAt" IS NULL AND NOT ${p}."hiddenFromGroup"`
      : `${p}."removedAt" IS NULL`,
  answer: (a = 'a') =>
    `NOT EXISTS (SELECT 1 FROM "RoomQuestion" q WHERE q."roomId" = ${a}."roomId" AND q."index" = ${a}."questionIndex" AND (q."skipped" OR q."kind" IN (${UNSCORED_SQL})))`,
  /** The answer rule for a query that already joins the answer's "RoomQuestion" as `q`. */
  answerOfQuestion: (q = 'q') => `NOT ${q}."skipped" AND ${q}."kind" NOT IN (${UNSCORED_SQL})`,
} as const;
