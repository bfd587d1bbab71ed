import type { Card } from '../../decks/types';
import { compileCard, gradeAnswer, type CompiledCard } from '../../game/grading';
import { buildChoices, textAnswerSummary } from '../../game/questions';
import { cleanText } from '../../contract';
import {
  dayEnd,
  dayKey,
  lastDays,
  masteryOverTime,
  reviewMinutes,
  streak,
  type MasteryItem,
  type RecallPoint,
} from '../../study/progress';
import {
  formatInterval,
  intervalMs,
  ratingFor,
  ratingNumber,
  ratingOf,
  schedule,
  type ReviewPhase,
  type ReviewRating,
  type ReviewState,
  type Verdict,
} from '../../study/schedule';
import { ServiceError } from '../errors';
import type { AnsweredCard, AnswerSource, EventBus } from '../events';
import type { ReviewCardRow, ReviewLogRow, ReviewRepository } from '../repositories/reviews';
import type { MasterySeries, ReviewCardView, ReviewReveal, StudySummary } from '../../protocol/study';

/** What the review queue's API answers: the wire shapes of src/protocol/study.ts. */
export type { MasterySeries, ReviewCardView, ReviewReveal, StudySummary };

/**
 * The personal review queue [R16]: every graded answer of a profile (a finished live room's, a self-paced
 * assignment's, a review's) schedules its card with FSRS (src/study); `/me` asks for what is due, a review session
 * serves due cards one at a time, grades them as a game would, and reschedules them. Mastery and streaks are
 * computed from the review log (no daily job, no snapshot table: the log has each review's stability).
 */

export interface StudyDeps {
  reviews: ReviewRepository;
  bus: EventBus;
  /** The deck with its cards (the deck service). */
  deck(id: string): Promise<{ id: string; title: string; cards: { id: string; card: Card }[] } | null>;
  /** The card as a game's grader sees it (learned examples included): graded here with the game's grader. */
  cardForGrading(deckId: string, cardId: string): Promise<Card | null>;
  newId(): string;
  /** The server clock (src/server/clock.ts). */
  now(): Date;
  /** Whether this process owns the room (in a cluster every process hears `roomFinished`; one schedules). */
  ownsRoom(code: string): boolean;
  onError(e: unknown): void;
}

export interface ReviewExport {
  cards: (Omit<ReviewCardRow, 'due' | 'lastReview'> & { due: string; lastReview: string | null })[];
  reviews: (Omit<ReviewLogRow, 'before' | 'reviewedAt' | 'due' | 'rating'> & { rating: string; reviewedAt: string; due: string })[];
}

const SESSION_LIMIT = 200;
const MASTERY_DAYS = 30;

function stateOf(r: ReviewCardRow): ReviewState {
  return {
    phase: r.phase as ReviewPhase,
    due: r.due,
    stability: r.stability,
    difficulty: r.difficulty,
    scheduledDays: r.scheduledDays,
    learningSteps: r.learningSteps,
    reps: r.reps,
    lapses: r.lapses,
    lastReview: r.lastReview,
  };
}

function rowOf(profileId: string, cardId: string, deckId: string, s: ReviewState): ReviewCardRow {
  return { profileId, cardId, deckId, ...s };
}

function stateJson(s: ReviewState | null): unknown {
  return s ? { ...s, due: s.due.toISOString(), lastReview: s.lastReview?.toISOString() ?? null } : null;
}

function stateFromJson(v: unknown): ReviewState | null {
  if (!v || typeof v !== 'object') return null;
  const o = v as Record<string, unknown>;
  return {
    phase: o.phase as ReviewPhase,
    due: new Date(String(o.due)),
    stability: Number(o.stability),
    difficulty: Number(o.difficulty),
    scheduledDays: Number(o.scheduledDays),
    learningSteps: Number(o.learningSteps),
    reps: Number(o.reps),
    lapses: Number(o.lapses),
    lastReview: typeof o.lastReview === 'string' ? new Date(o.lastReview) : null,
  };
}

/** A seeded random source: the same card and repetition always get the same choices, so the answer needs no session. */
function seeded(seed: string): () => number {
  let h = 1779033703 ^ seed.length;
  for (let i = 0; i < seed.length; i++) {
    h = Math.imul(h ^ seed.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  let a = h >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A review asks a card as the deck prefers it (`Mode:`), else as choices when it has curated ones, else typed. */
function isChoiceCard(card: Card): boolean {
  return card.mode ? card.mode === 'choice' : card.choices !== undefined;
}

function timeLimitOf(settings: unknown): number | null {
  if (settings && typeof settings === 'object' && 'timeLimitSec' in settings) {
    const s = Number((settings as { timeLimitSec: unknown }).timeLimitSec);
    if (Number.isFinite(s) && s > 0) return s * 1000;
  }
  return null;
}

export function createStudyService(deps: StudyDeps) {
  const { reviews } = deps;
  // One profile's reviews are scheduled one batch at a time, in order (each starts from the state the last left).
  const queues = new Map<string, Promise<unknown>>();
  function serial<T>(profileId: string, job: () => Promise<T>): Promise<T> {
    const prev = queues.get(profileId) ?? Promise.resolve();
    const next = prev.then(job, job);
    const tail = next.catch(() => undefined);
    queues.set(profileId, tail);
    void tail.then(() => {
      if (queues.get(profileId) === tail) queues.delete(profileId);
    });
    return next;
  }

  interface Planned {
    item: AnsweredCard;
    rating: ReviewRating;
  }

  /** Schedules answers of one profile in time order; returns the logs stored (repeated answers are skipped). */
  async function scheduleAnswers(
    profileId: string,
    source: AnswerSource,
    planned: Planned[],
    now: Date,
    known?: ReviewCardRow,
  ): Promise<ReviewLogRow[]> {
    const sorted = [...planned].sort((a, b) => a.item.answeredAt - b.item.answeredAt);
    const states = new Map<string, ReviewState>();
    let live = sorted;
    if (known) {
      // A review: the card and its state were just read.
      states.set(known.cardId, stateOf(known));
    } else {
      const existing = await reviews.existingCards([...new Set(sorted.map((p) => p.item.cardId))]);
      live = sorted.filter((p) => existing.has(p.item.cardId));
      for (const r of await reviews.cards(profileId, [...existing])) states.set(r.cardId, stateOf(r));
    }
    const entries: { log: ReviewLogRow; card: ReviewCardRow }[] = [];
    for (const { item, rating } of live) {
      const before = states.get(item.cardId) ?? null;
      const at = new Date(item.answeredAt);
      // An answer older than the card's last review (a late event) does not move the schedule back.
      if (before?.lastReview && before.lastReview.getTime() > at.getTime()) continue;
      const after = schedule(before, rating, at);
      states.set(item.cardId, after);
      entries.push({
        log: {
          id: deps.newId(),
          profileId,
          cardId: item.cardId,
          deckId: item.deckId,
          source,
          verdict: item.verdict,
          rating: ratingNumber(rating),
          selfRated: false,
          elapsedMs: Math.max(0, Math.round(item.elapsedMs)),
          reviewedAt: at,
          before: stateJson(before),
          phase: after.phase,
          stability: after.stability,
          difficulty: after.difficulty,
          due: after.due,
          scheduledDays: after.scheduledDays,
        },
        card: rowOf(profileId, item.cardId, item.deckId, after),
      });
    }
    await reviews.record(entries, now);
    return entries.map((e) => e.log);
  }

  function onCardsAnswered(profileId: string, source: AnswerSource, items: AnsweredCard[]): Promise<ReviewLogRow[]> {
    return serial(profileId, () =>
      scheduleAnswers(
        profileId,
        source,
        items.map((item) => ({ item, rating: ratingFor(item.verdict, item.elapsedMs, item.timeLimitMs) })),
        new Date(Math.max(...items.map((i) => i.answeredAt))),
      ),
    );
  }

  /** A finished live room: each profile-linked player's graded answers, as one `cardsAnswered` event each. */
  async function announceRoom(roomId: string): Promise<void> {
    const rows = await reviews.roomAnswers(roomId);
    const byProfile = new Map<string, AnsweredCard[]>();
    for (const r of rows) {
      const verdict = r.verdict === 'correct' || r.verdict === 'partial' ? r.verdict : 'incorrect';
      const list = byProfile.get(r.profileId) ?? [];
      list.push({
        deckId: r.deckId,
        cardId: r.cardId,
        verdict,
        elapsedMs: r.elapsedMs,
        timeLimitMs: timeLimitOf(r.settings),
        answeredAt: r.receivedAt.getTime(),
      });
      byProfile.set(r.profileId, list);
    }
    for (const [profileId, items] of byProfile) deps.bus.publish({ type: 'cardsAnswered', profileId, source: 'live', items });
  }

  // Tracks the work started by events, so tests (and shutdown) can wait for it.
  const pending = new Set<Promise<unknown>>();
  function track(p: Promise<unknown>): void {
    const q = p.catch((e: unknown) => deps.onError(e));
    pending.add(q);
    void q.finally(() => pending.delete(q));
  }

  const unsubscribe = deps.bus.subscribe((e) => {
    switch (e.type) {
      case 'roomFinished':
        if (deps.ownsRoom(e.code)) track(announceRoom(e.roomId));
        break;
      case 'cardsAnswered':
        // A review's answers are scheduled by `answer` itself before it replies; the others arrive here.
        if (e.source !== 'review' && e.items.length > 0) track(onCardsAnswered(e.profileId, e.source, e.items));
        break;
      case 'groupChanged':
        break;
      default: {
        const never: never = e;
        throw new Error(`unknown event ${JSON.stringify(never)}`);
      }
    }
  });

  // Decks by id for the few seconds of a session: each answer needs its card and the next one's.
  const deckCache = new Map<string, { at: number; deck: Awaited<ReturnType<StudyDeps['deck']>> }>();
  async function deckOf(id: string, now: Date) {
    const hit = deckCache.get(id);
    if (hit && now.getTime() - hit.at < 5_000) return hit.deck;
    const deck = await deps.deck(id);
    deckCache.set(id, { at: now.getTime(), deck });
    if (deckCache.size > 100) deckCache.delete(deckCache.keys().next().value as string);
    return deck;
  }

  // Compiled cards for the grader, as a room keeps them for a game (src/server/room/grades.ts): a minute each.
  const compiled = new Map<string, { at: number; card: CompiledCard }>();
  async function grade(deckId: string, cardId: string, text: string, now: Date) {
    let hit = compiled.get(cardId);
    if (!hit || now.getTime() - hit.at > 60_000) {
      const card = await deps.cardForGrading(deckId, cardId);
      if (!card) throw new ServiceError('card_not_found', 'That card is not in its deck any more.', 404);
      hit = { at: now.getTime(), card: compileCard(card) };
      compiled.set(cardId, hit);
      if (compiled.size > 500) compiled.delete(compiled.keys().next().value as string);
    }
    return gradeAnswer(hit.card, text);
  }

  async function cardView(row: ReviewCardRow, now: Date): Promise<{ view: ReviewCardView; correctChoiceId: string | null; card: Card } | null> {
    const deck = await deckOf(row.deckId, now);
    const gc = deck?.cards.find((c) => c.id === row.cardId);
    if (!deck || !gc) return null;
    let choices: { id: string; text: string }[] | null = null;
    let correctChoiceId: string | null = null;
    if (isChoiceCard(gc.card)) {
      const built = buildChoices(gc, deck.cards, seeded(`${row.cardId}:${row.reps}`));
      choices = built.choices;
      correctChoiceId = built.correctChoiceId;
    }
    return {
      card: gc.card,
      correctChoiceId,
      view: {
        cardId: row.cardId,
        deckId: row.deckId,
        deckTitle: deck.title,
        topic: gc.card.topic ?? null,
        prompt: gc.card.prompt,
        body: gc.card.body ?? null,
        kind: choices ? 'choice' : 'text',
        choices,
        phase: row.phase as ReviewPhase,
        reps: row.reps,
      },
    };
  }

  /** The cards a profile missed in a finished game (by code), for the "review the ones you missed" link. */
  async function missedIn(profileId: string, code: string): Promise<string[]> {
    const room = await reviews.roomByCode(code);
    if (!room) throw new ServiceError('room_not_found', `No game with code ${code}.`, 404);
    const rows = await reviews.roomAnswers(room.id);
    return [...new Set(rows.filter((r) => r.profileId === profileId && r.verdict === 'incorrect').map((r) => r.cardId))];
  }

  /**
   * The next card of a session: due by the end of the player's day, soonest first, and not reviewed since the
   * session started (a card whose next step is minutes away comes back in the next session, not at once).
   */
  async function nextCard(profileId: string, now: Date, tz: number, room?: string, since?: number) {
    const until = new Date(dayEnd(dayKey(now, tz), tz));
    const only = room ? await missedIn(profileId, room) : undefined;
    const start = since ?? now.getTime();
    const due = await reviews.due(profileId, until, SESSION_LIMIT, { cardIds: only, reviewedBefore: new Date(start) });
    for (const row of due) {
      const v = await cardView(row, now);
      if (v) return { card: v.view, remaining: due.length, since: start };
    }
    return { card: null, remaining: 0, since: start };
  }

  async function mastery(profileIds: string[], deckIds: string[] | null, times: number[], days: string[]) {
    const logs = await reviews.logs(profileIds, deckIds ? { deckIds } : {});
    const decks = deckIds ?? [...new Set(logs.map((l) => l.deckId))];
    const cards = await reviews.deckCards(decks);
    const history = new Map<string, RecallPoint[]>();
    for (const l of logs) {
      const k = `${l.profileId}:${l.cardId}`;
      const list = history.get(k) ?? [];
      list.push({ at: l.reviewedAt.getTime(), stability: l.stability });
      history.set(k, list);
    }
    const items: MasteryItem[] = [];
    const labels = new Map<string, { label: string; deckId: string; topic: string | null }>();
    for (const c of cards) {
      const deckKey = `deck:${c.deckId}`;
      labels.set(deckKey, { label: c.deckTitle, deckId: c.deckId, topic: null });
      const groups = [deckKey];
      if (c.topic) {
        const topicKey = `topic:${c.deckId}:${c.topic}`;
        labels.set(topicKey, { label: c.topic, deckId: c.deckId, topic: c.topic });
        groups.push(topicKey);
      }
      for (const p of profileIds) items.push({ key: `${p}:${c.id}`, groups });
    }
    const counts = masteryOverTime(items, history, times);
    const series: MasterySeries[] = [];
    for (const [key, { total, mastered }] of counts) {
      const l = labels.get(key)!;
      series.push({
        key,
        label: l.label,
        deckId: l.deckId,
        topic: l.topic,
        cards: total / Math.max(1, profileIds.length),
        points: days.map((day, i) => ({ day, share: total === 0 ? 0 : (mastered[i] ?? 0) / total })),
      });
    }
    return {
      decks: series.filter((s) => s.topic === null),
      topics: series.filter((s) => s.topic !== null),
      logs,
    };
  }

  /**
   * Each day is read at its end, today included: a card answered a minute ago is not "mastered today" because
   * its recall is 100 % now, only if it is still above 90 % tonight.
   */
  function evalTimes(now: Date, tz: number, count: number) {
    const days = lastDays(now, count, tz);
    return { days, times: days.map((d) => dayEnd(d, tz)) };
  }

  return {
    onCardsAnswered,
    announceRoom,
    /** Resolves when the work started by events so far is done. */
    async settled(): Promise<void> {
      while (pending.size > 0) await Promise.all([...pending]);
    },

    async summary(profileId: string, tz: number, room?: string): Promise<StudySummary> {
      const now = deps.now();
      const until = new Date(dayEnd(dayKey(now, tz), tz));
      const [dueToday, dueNow] = await Promise.all([reviews.dueCount(profileId, until), reviews.dueCount(profileId, now)]);
      const { days, times } = evalTimes(now, tz, MASTERY_DAYS);
      const m = await mastery([profileId], null, times, days);
      const studyDays = new Set(m.logs.map((l) => dayKey(l.reviewedAt, tz)));
      let roomInfo: StudySummary['room'] = null;
      if (room) {
        const missed = await missedIn(profileId, room);
        const due = missed.length > 0 ? (await reviews.due(profileId, until, SESSION_LIMIT, { cardIds: missed })).length : 0;
        roomInfo = { code: room, missed: missed.length, due };
      }
      const minutes = reviewMinutes(dueToday);
      return {
        dueNow,
        dueToday,
        minutes,
        reminder: dueToday === 0 ? 'Nothing due today' : `${dueToday} due today, ${minutes} min`,
        streak: streak(studyDays, now, tz),
        cards: new Set(m.logs.map((l) => l.cardId)).size,
        mastery: { decks: m.decks, topics: m.topics },
        room: roomInfo,
      };
    },

    next: (profileId: string, tz: number, room?: string, since?: number) => nextCard(profileId, deps.now(), tz, room, since),

    /** Grades a review answer as a game would, reschedules the card, and serves the next one. */
    async answer(
      profileId: string,
      body: {
        cardId: string;
        text?: string | undefined;
        choiceId?: string | undefined;
        elapsedMs: number;
        room?: string | undefined;
        since?: number | undefined;
      },
      tz: number,
    ): Promise<{ reveal: ReviewReveal; next: ReviewCardView | null; remaining: number }> {
      const now = deps.now();
      const row = await reviews.card(profileId, body.cardId);
      if (!row) throw new ServiceError('card_not_found', 'That card is not in your review queue.', 404);
      const v = await cardView(row, now);
      if (!v) throw new ServiceError('card_not_found', 'That card is not in its deck any more.', 404);
      let verdict: Verdict;
      let matched: string[] = [];
      let missing: string[] = [];
      if (v.view.kind === 'choice') {
        if (body.choiceId === undefined) throw new ServiceError('bad_request', 'Pick one of the choices.');
        verdict = body.choiceId === v.correctChoiceId ? 'correct' : 'incorrect';
      } else {
        const clean = cleanText(body.text ?? '', 'answer');
        if (!clean.ok) throw new ServiceError('bad_request', `That answer ${clean.message}.`);
        const g = await grade(row.deckId, row.cardId, clean.text, now);
        verdict = g.verdict;
        matched = g.matched;
        missing = g.missing;
      }
      const item: AnsweredCard = { deckId: row.deckId, cardId: row.cardId, verdict, elapsedMs: body.elapsedMs, timeLimitMs: null, answeredAt: now.getTime() };
      const rating = ratingFor(verdict, body.elapsedMs, null);
      const [log] = await serial(profileId, () => scheduleAnswers(profileId, 'review', [{ item, rating }], now, row));
      if (!log) throw new ServiceError('bad_request', 'That card was just reviewed; try again.', 409);
      deps.bus.publish({ type: 'cardsAnswered', profileId, source: 'review', items: [item] });
      const next = await nextCard(profileId, now, tz, body.room, body.since ?? now.getTime());
      return {
        reveal: {
          logId: log.id,
          cardId: row.cardId,
          verdict,
          rating,
          answer: v.card.answer,
          summary: textAnswerSummary(v.card),
          matched,
          missing,
          correctChoiceId: v.correctChoiceId,
          chosenChoiceId: body.choiceId ?? null,
          due: log.due.toISOString(),
          intervalMs: intervalMs({ due: log.due } as ReviewState, now),
          interval: formatInterval(intervalMs({ due: log.due } as ReviewState, now)),
          canSelfRate: v.view.kind === 'text',
        },
        next: next.card,
        remaining: next.remaining,
      };
    },

    /** "I knew it": redoes a typed answer's schedule with the player's own rating (scores never change). */
    async selfRate(profileId: string, logId: string, rating: ReviewRating): Promise<{ due: string; intervalMs: number; interval: string; rating: ReviewRating }> {
      const now = deps.now();
      return serial(profileId, async () => {
        const log = await reviews.log(profileId, logId);
        if (!log) throw new ServiceError('bad_request', 'No such review.', 404);
        if (log.source !== 'review') throw new ServiceError('bad_request', 'Only a review answer may be self-rated.', 409);
        const at = log.reviewedAt;
        const after = schedule(stateFromJson(log.before), rating, at);
        const updated: ReviewLogRow = {
          ...log,
          rating: ratingNumber(rating),
          phase: after.phase,
          stability: after.stability,
          difficulty: after.difficulty,
          due: after.due,
          scheduledDays: after.scheduledDays,
        };
        const ok = await reviews.rerate(updated, rowOf(profileId, log.cardId, log.deckId, after), now);
        if (!ok) throw new ServiceError('bad_request', 'That card was reviewed again since; rate the latest review.', 409);
        const ms = intervalMs(after, at);
        return { due: after.due.toISOString(), intervalMs: ms, interval: formatInterval(ms), rating };
      });
    },

    /** A group's mastery per topic across its members, at the start of the month and now. */
    async groupMastery(groupId: string) {
      const now = deps.now();
      const { profileIds, deckIds } = await reviews.groupMembersAndDecks(groupId);
      const monthStart = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1);
      const days = [new Date(monthStart).toISOString().slice(0, 10), now.toISOString().slice(0, 10)];
      const m = await mastery(profileIds, deckIds, [monthStart, dayEnd(days[1]!, 0)], days);
      const row = (s: MasterySeries) => ({
        label: s.label,
        deckId: s.deckId,
        topic: s.topic,
        cards: s.cards,
        start: s.points[0]?.share ?? 0,
        now: s.points[1]?.share ?? 0,
      });
      return { members: profileIds.length, since: days[0]!, decks: m.decks.map(row), topics: m.topics.map(row) };
    },

    /** The profile's review data for its export. */
    async exportData(profileId: string): Promise<ReviewExport> {
      const [cards, logs] = await Promise.all([reviews.allCards(profileId), reviews.logs([profileId])]);
      return {
        cards: cards.map((c) => ({ ...c, due: c.due.toISOString(), lastReview: c.lastReview?.toISOString() ?? null })),
        reviews: logs.map(({ before: _b, ...l }) => ({
          ...l,
          rating: ratingOf(l.rating) ?? String(l.rating),
          reviewedAt: l.reviewedAt.toISOString(),
          due: l.due.toISOString(),
        })),
      };
    },

    close(): void {
      unsubscribe();
    },
  };
}
export type StudyService = ReturnType<typeof createStudyService>;
