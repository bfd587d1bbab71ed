import type { Card } from '../../decks/types';
import type { Grades } from '../../game/commands';
import { compileCard, gradeAnswer, type CompiledCard, type Grade } from '../../game/grading';
import type { GameCard } from '../../game/types';

/** The grader itself (src/game/grading); tests pass one that counts its calls. */
export interface TextGrader {
  compile(card: Card): CompiledCard;
  grade(compiled: CompiledCard, text: string): Grade;
}

export const textGrader: TextGrader = { compile: compileCard, grade: gradeAnswer };

/** A second opinion's verdict on one answer. */
export interface JudgeVerdict {
  verdict: Grade['verdict'];
  score: number;
  explanation: string;
}

/**
 * A second opinion on answers the grader is unsure of (an LLM, `services/llm-judge.ts`): asked once per distinct
 * unsure text, never awaited; null when it has no answer (in time).
 */
export interface Judge {
  judge(card: Card, text: string): Promise<JudgeVerdict | null>;
}

/** At most this many judge requests per room at once, and in all (a room of thousands must not flood it). */
const JUDGE_IN_FLIGHT = 8;
const JUDGE_PER_ROOM = 500;

/**
 * A room's grades of typed answers [R4.7]: each card compiled once, and each distinct text graded once per card
 * (in a big room many players type the same thing: "kube-proxy", "idk"). The game grades through it at the
 * close (`Ctx.grades`); between socket reads the room works through the texts waiting (`ahead`, `gradeAhead`),
 * so the close mostly finds its grades ready. Owned by one room and dropped with it.
 */
const MAX_REMEMBERED_GRADES = 4096;

interface CardGrades {
  compiled: CompiledCard;
  seen: Map<string, Grade>;
}

export class RoomGrades implements Grades {
  private readonly cards = new Map<string, CardGrades>();
  private waiting: { card: GameCard; text: string }[] = [];
  private next = 0;

  private judging = 0;
  private judged = 0;

  constructor(
    private readonly grader: TextGrader = textGrader,
    private readonly judge?: Judge,
  ) {}

  /**
   * Asks the judge about an unsure grade, without waiting: if its answer comes back while the grade is still
   * remembered, the grade is replaced, so a close that comes later uses it; a close that came first has
   * already used the grader's own (the reveal never waits for the judge).
   */
  private askJudge(card: GameCard, c: CardGrades, text: string, g: Grade): void {
    const judge = this.judge;
    if (!judge || !g.unsure || this.judging >= JUDGE_IN_FLIGHT || this.judged >= JUDGE_PER_ROOM) return;
    this.judging += 1;
    this.judged += 1;
    void judge
      .judge(card.card, text)
      .catch(() => null)
      .then((v) => {
        this.judging -= 1;
        if (!v || c.seen.get(text) !== g) return;
        c.seen.set(text, {
          ...g,
          verdict: v.verdict,
          score: v.score,
          unsure: false,
          explanation: v.explanation,
          ...(v.verdict === 'correct' && { missing: [] }),
        });
      });
  }

  /** The grade of a typed answer; the arrays of a remembered grade are shared, never mutated. */
  grade(card: GameCard, text: string): Grade {
    let c = this.cards.get(card.id);
    if (!c) {
      c = { compiled: this.grader.compile(card.card), seen: new Map() };
      this.cards.set(card.id, c);
    }
    // Keyed by the exact text (spaces already folded): case can matter ("NodePort" splits into words).
    let g = c.seen.get(text);
    if (!g) {
      g = this.grader.grade(c.compiled, text);
      if (c.seen.size >= MAX_REMEMBERED_GRADES) c.seen.clear();
      c.seen.set(text, g);
      this.askJudge(card, c, text, g);
    }
    return g;
  }

  /** A text whose grade the close will need. */
  ahead(card: GameCard, text: string): void {
    this.waiting.push({ card, text });
  }

  /** Texts waiting to be graded ahead. */
  get backlog(): number {
    return this.waiting.length - this.next;
  }

  /** Grades up to `max` waiting texts (one slice: about 1-3 ms of work); returns how many are still waiting. */
  gradeAhead(max: number): number {
    const end = Math.min(this.waiting.length, this.next + max);
    for (; this.next < end; this.next++) {
      const w = this.waiting[this.next];
      if (w) this.grade(w.card, w.text);
    }
    if (this.next === this.waiting.length) {
      this.waiting = [];
      this.next = 0;
    }
    return this.backlog;
  }
}
