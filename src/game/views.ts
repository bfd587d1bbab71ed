import type { AnswerGroup, Counts, HostAnswer, HostGroup, HostState, LeaderRow, PublicState, Reveal, TeamRow, You } from '../protocol';
import { answeringMs, remainingMs } from './controls';
import { answerGroupKey, shortAnswer as plainShortAnswer } from './grading';
import { kindCorrectText, kindReveal, liveTally } from './kinds/views';
import { activePlayers, currentQuestion } from './reducer';
import { playerPart, teamCount, teamName, teamSizes, teamStandings, type TeamStanding } from './teams';
import type { AskedQuestion, ChoiceOption, GameCard, GameState, PlayerState } from './types';

/**
 * The one place that decides who sees what [R9]. Players and the big screen get `publicView` (never the
 * correct answer, accepted answers or anyone's answers while a question is open); each player gets
 * `playerView` for themselves only; the host gets `hostView`.
 */

export const LOBBY_NAMES_SHOWN = 100;

/**
 * Inline HTML of the room's short texts (choices, short answers) by their plain text, merged from every
 * card: a drawn choice is another card's short answer. Built once per room (the cards map never changes).
 */
const inlineHtml = new WeakMap<ReadonlyMap<string, GameCard>, ReadonlyMap<string, string>>();
function htmlOf(state: GameState, text: string): string | undefined {
  let map = inlineHtml.get(state.cards);
  if (!map) {
    const m = new Map<string, string>();
    for (const c of state.cards.values()) for (const [t, h] of Object.entries(c.html?.inline ?? {})) m.set(t, h);
    map = m;
    inlineHtml.set(state.cards, map);
  }
  return map.size === 0 ? undefined : map.get(text);
}

function choicesWithHtml(state: GameState, choices: readonly ChoiceOption[]): ChoiceOption[] {
  return choices.map((c) => {
    const html = htmlOf(state, c.text);
    return html === undefined ? c : { ...c, html };
  });
}
export const LEADERBOARD_SIZE = 10;
export const FINAL_RANKING_SIZE = 100;

function leaderRows(state: GameState, limit: number): LeaderRow[] {
  const rows: LeaderRow[] = [];
  for (const id of state.ranking) {
    if (rows.length >= limit) break;
    const p = state.players.get(id);
    if (!p || p.removed) continue;
    rows.push({
      rank: p.rank ?? rows.length + 1,
      playerId: p.id,
      nickname: p.nickname,
      score: p.score,
      correctCount: p.correctCount,
      lastPoints: p.lastPoints,
      movement: p.previousRank !== null && p.rank !== null ? p.previousRank - p.rank : 0,
    });
  }
  return rows;
}

function countAnswered(state: GameState, q: AskedQuestion | undefined): number {
  if (!q) return 0;
  let n = 0;
  for (const id of q.answers.keys()) if (state.players.get(id)?.removed === false) n += 1;
  return n;
}

/** Groups typed answers so "kube-proxy" and "Kube Proxy" count together; most common first. */
export function groupAnswers(state: GameState, q: AskedQuestion): AnswerGroup[] {
  const groups = new Map<string, { texts: Map<string, number>; count: number; verdicts: Map<string, number> }>();
  for (const a of q.answers.values()) {
    if (a.text === null || state.players.get(a.playerId)?.removed !== false) continue;
    const key = answerGroupKey(a.text) || a.text.toLowerCase();
    let g = groups.get(key);
    if (!g) {
      g = { texts: new Map(), count: 0, verdicts: new Map() };
      groups.set(key, g);
    }
    g.count += 1;
    g.texts.set(a.text, (g.texts.get(a.text) ?? 0) + 1);
    g.verdicts.set(a.verdict, (g.verdicts.get(a.verdict) ?? 0) + 1);
  }
  const mostCommon = (m: Map<string, number>): string => [...m.entries()].sort((x, y) => y[1] - x[1])[0]?.[0] ?? '';
  return [...groups.values()]
    .map((g) => ({
      text: mostCommon(g.texts),
      count: g.count,
      verdict: mostCommon(g.verdicts) as AnswerGroup['verdict'],
    }))
    .sort((a, b) => b.count - a.count || a.text.localeCompare(b.text))
    .slice(0, 50);
}

/** A typed question's answer in plain words: the reference's short answer, never matcher syntax [R9.2]. */
export function plainAnswer(card: GameCard | undefined): string {
  if (!card) return '';
  return card.short ?? plainShortAnswer(card.card);
}

/** The correct answer shown at the reveal: the right option's text, or the plain short answer. */
function correctTextOf(state: GameState, q: AskedQuestion): string {
  return q.choices.find((c) => c.id === q.correctChoiceId)?.text ?? plainAnswer(state.cards.get(q.cardId));
}

/** The most missing ideas a player is shown: a "name some" card must not list every item not named [R9.3]. */
export const MISSING_SHOWN = 3;

const HOST_GROUPS = 50;
const VARIANTS_SHOWN = 3;

/**
 * A typed question's answers by the grader's group, for the host to settle with one tap [R7.3]: groups the
 * grader is unsure of first, then the most common.
 */
export function hostGroups(state: GameState, q: AskedQuestion): HostGroup[] {
  const groups = new Map<
    string,
    { texts: Map<string, number>; count: number; verdicts: Map<string, number>; unsure: boolean; overridden: number; explanation: string }
  >();
  for (const a of q.answers.values()) {
    if (a.text === null || state.players.get(a.playerId)?.removed !== false) continue;
    const key = a.group || answerGroupKey(a.text) || a.text.toLowerCase();
    let g = groups.get(key);
    if (!g) {
      g = { texts: new Map(), count: 0, verdicts: new Map(), unsure: false, overridden: 0, explanation: a.explanation };
      groups.set(key, g);
    }
    g.count += 1;
    g.texts.set(a.text, (g.texts.get(a.text) ?? 0) + 1);
    g.verdicts.set(a.verdict, (g.verdicts.get(a.verdict) ?? 0) + 1);
    if (a.unsure) g.unsure = true;
    if (a.overridden) g.overridden += 1;
  }
  const byCount = (m: Map<string, number>): string[] => [...m.entries()].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0])).map(([t]) => t);
  return [...groups.entries()]
    .map(([key, g]) => {
      const texts = byCount(g.texts);
      return {
        key,
        text: texts[0] ?? '',
        variants: texts.slice(1, 1 + VARIANTS_SHOWN),
        count: g.count,
        verdict: (byCount(g.verdicts)[0] ?? 'incorrect') as HostGroup['verdict'],
        unsure: g.unsure && g.overridden < g.count,
        overridden: g.overridden === g.count,
        explanation: g.explanation,
      };
    })
    .sort((a, b) => Number(b.unsure) - Number(a.unsure) || b.count - a.count || a.text.localeCompare(b.text))
    .slice(0, HOST_GROUPS);
}

function revealOf(state: GameState, q: AskedQuestion): Reveal {
  const card = state.cards.get(q.cardId)?.card;
  const correct = q.choices.find((c) => c.id === q.correctChoiceId);
  const counts = new Map(q.choices.map((c) => [c.id, 0]));
  let correctCount = 0;
  for (const a of q.answers.values()) {
    if (state.players.get(a.playerId)?.removed !== false) continue;
    if (a.choiceId !== null) counts.set(a.choiceId, (counts.get(a.choiceId) ?? 0) + 1);
    if (a.verdict === 'correct') correctCount += 1;
  }
  const correctText = kindCorrectText(state, q) ?? correct?.text ?? plainAnswer(state.cards.get(q.cardId));
  const correctTextHtml = htmlOf(state, correctText);
  const explanationHtml = state.cards.get(q.cardId)?.html?.answer;
  return {
    correctChoiceId: q.correctChoiceId,
    correctText,
    ...(correctTextHtml !== undefined && { correctTextHtml }),
    accepted: [],
    explanation: card?.answer ?? '',
    ...(explanationHtml !== undefined && { explanationHtml }),
    distribution: q.choices.map((c) => ({ choiceId: c.id, count: counts.get(c.id) ?? 0 })),
    groups: q.kind === 'text' ? groupAnswers(state, q) : [],
    answeredCount: countAnswered(state, q),
    correctCount,
    skipped: q.skipped,
    ...kindReveal(state, q),
  };
}

/** What everyone in the room may see right now. */
export function publicView(state: GameState, now: number): PublicState {
  const q = currentQuestion(state);
  const showQuestion = q && (state.phase === 'question' || state.phase === 'reveal');
  const html = showQuestion ? state.cards.get(q.cardId)?.html : undefined;
  const lobbyPlayers =
    state.phase === 'lobby'
      ? activePlayers(state)
          .slice(-LOBBY_NAMES_SHOWN)
          .reverse()
          .map((p) => (p.team === null ? { id: p.id, nickname: p.nickname } : { id: p.id, nickname: p.nickname, team: p.team }))
      : [];
  const inLeadIn = showQuestion && state.phase === 'question' && now < q.openedAt;
  return {
    code: state.code,
    title: state.title,
    joinUrl: state.joinUrl,
    phase: state.phase,
    mode: state.settings.mode,
    points: state.settings.points,
    autoAdvance: state.settings.autoAdvance,
    questionNumber: q ? q.index + 1 : 0,
    questionTotal: state.plan.length,
    playerCount: state.activeCount,
    answeredCount: state.phase === 'question' ? countAnswered(state, q) : 0,
    players: lobbyPlayers,
    question: showQuestion
      ? {
          index: q.index,
          kind: q.kind,
          prompt: q.prompt,
          ...(html?.prompt !== undefined && { promptHtml: html.prompt }),
          ...(html?.body !== undefined && { bodyHtml: html.body }),
          // The lead-in shows the question, not its choices: nobody reads ahead of the clock [R14.5].
          choices: inLeadIn ? [] : choicesWithHtml(state, q.choices),
          ...(q.kind === 'number' && unitOf(state, q) !== undefined && { unit: unitOf(state, q) }),
          timeLimitMs: answeringMs(q),
          remainingMs: state.phase === 'question' ? remainingMs(state, q, now) : 0,
          ...(inLeadIn && { readyInMs: Math.max(0, Math.round(q.openedAt - (state.pausedAt ?? now))) }),
        }
      : null,
    reveal: state.phase === 'reveal' && q ? revealOf(state, q) : null,
    leaderboard:
      state.phase === 'leaderboard'
        ? leaderRows(state, LEADERBOARD_SIZE)
        : state.phase === 'finished'
          ? leaderRows(state, FINAL_RANKING_SIZE)
          : [],
    phaseRemainingMs:
      state.phaseEndsAt === null ? null : Math.max(0, Math.round(state.phaseEndsAt - (state.pausedAt ?? now))),
    ...(state.pausedAt !== null && { paused: true }),
    ...(state.locked && { locked: true }),
    ...(teamCount(state) > 0 && { teams: teamRows(state) }),
    ...live(state, q),
  };
}

/** Teams as everyone sees them: every team in the lobby (to pick one), ranked by average from the start [R15.5]. */
function teamRows(state: GameState): TeamRow[] {
  if (state.phase === 'lobby') {
    return teamSizes(state).map((size, team) => ({ team, name: teamName(team), size, score: 0, rank: team + 1 }));
  }
  return teamStandings(state).map((t) => ({ team: t.team, name: t.name, size: t.size, score: t.score, rank: t.rank }));
}

function unitOf(state: GameState, q: AskedQuestion): string | undefined {
  return state.cards.get(q.cardId)?.card.unit;
}

/** An open poll's or word cloud's tally [R12.6, R12.7]; nothing for other kinds. */
function live(state: GameState, q: AskedQuestion | undefined): { live?: Counts['live'] } {
  const tally = liveTally(state, q);
  return tally === undefined ? {} : { live: tally };
}

export function countsView(state: GameState): Counts {
  const q = currentQuestion(state);
  return {
    playerCount: state.activeCount,
    answeredCount: state.phase === 'question' ? countAnswered(state, q) : 0,
    ...live(state, q),
  };
}

/** The host's view: public state, every player, and the current question's answers after it closes. */
export function hostView(state: GameState, now: number, joinUrl: string, screensAttached?: boolean): HostState {
  const q = currentQuestion(state);
  const open = state.phase === 'question';
  const answers: HostAnswer[] = [];
  if (q && !open && state.phase !== 'lobby') {
    for (const a of q.answers.values()) {
      const p = state.players.get(a.playerId);
      if (!p || p.removed) continue;
      answers.push({
        playerId: a.playerId,
        nickname: p.nickname,
        choiceId: a.choiceId,
        text: a.text,
        verdict: a.verdict,
        gradeScore: a.gradeScore,
        points: a.points,
        elapsedMs: a.elapsedMs,
        overridden: a.overridden,
        matched: a.matched,
        missing: a.missing.slice(0, MISSING_SHOWN),
        ...(a.text !== null && { explanation: a.explanation, unsure: a.unsure, group: a.group }),
      });
    }
    answers.sort((x, y) => x.elapsedMs - y.elapsedMs);
  }
  const groups = q && !open && state.phase !== 'lobby' && q.kind === 'text' ? hostGroups(state, q) : undefined;
  const players = activePlayers(state)
    .map((p) => ({
      id: p.id,
      nickname: p.nickname,
      connected: p.connected,
      score: p.score,
      rank: p.rank,
      answered: open && q ? q.answers.has(p.id) : false,
      ...(p.team !== null && { team: p.team }),
    }))
    .sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.nickname.localeCompare(b.nickname));
  const correctText = q ? (kindCorrectText(state, q) ?? (correctTextOf(state, q) || null)) : null;
  const correctTextHtml = correctText === null ? undefined : htmlOf(state, correctText);
  return {
    public: publicView(state, now),
    players,
    correctChoiceId: q?.correctChoiceId ?? null,
    correctText,
    ...(correctTextHtml !== undefined && { correctTextHtml }),
    answers,
    ...(groups !== undefined && { groups }),
    joinUrl,
    ...(screensAttached !== undefined && { screensAttached }),
  };
}

/** The place just above a player's [R6.4]: who, and how many points behind. Null for the leader or unranked. */
function nextUpOf(state: GameState, player: PlayerState): You['nextUp'] {
  const rank = player.rank;
  // The ranking is the order of the last close; a kick since may have shifted it, so check before trusting.
  if (rank === null || rank < 2 || state.ranking[rank - 1] !== player.id) return null;
  const aboveId = state.ranking[rank - 2];
  const above = aboveId === undefined ? undefined : state.players.get(aboveId);
  if (!above || above.removed || above.rank === null) return null;
  return { rank: above.rank, nickname: above.nickname, behind: Math.max(0, above.score - player.score) };
}

/**
 * What several players' views share, worked out once per broadcast rather than once per player: the team
 * standings are a pass over every player.
 */
export interface SharedViews {
  teams: readonly TeamStanding[];
}

export function sharedViews(state: GameState): SharedViews {
  return { teams: teamCount(state) > 0 ? teamStandings(state) : [] };
}

function teamOf(state: GameState, player: PlayerState, shared: SharedViews): You['team'] {
  if (player.team === null || teamCount(state) === 0) return null;
  const t = shared.teams.find((r) => r.team === player.team);
  const size = t?.size ?? 1;
  return {
    team: player.team,
    name: teamName(player.team),
    size,
    score: t?.score ?? 0,
    // Ranks mean something once a question has closed; in the lobby every team is level.
    rank: state.rankedAfter > 0 && t ? t.rank : null,
    teamCount: shared.teams.length,
    part: playerPart(player.score, size),
  };
}

/** One player's own view. */
export function playerView(
  state: GameState,
  player: PlayerState,
  playerCount?: number,
  shared: SharedViews = sharedViews(state),
): You {
  const q = currentQuestion(state);
  const mine = q?.answers.get(player.id);
  const closed = q && q.closedAt !== null && !q.skipped;
  return {
    playerId: player.id,
    nickname: player.nickname,
    score: player.score,
    rank: player.rank,
    playerCount: playerCount ?? state.activeCount,
    streak: player.streak,
    answered:
      q && state.phase === 'question' && mine
        ? { questionIndex: q.index, choiceId: mine.choiceId, text: mine.text }
        : null,
    result:
      closed && state.phase !== 'question'
        ? {
            questionIndex: q.index,
            answered: mine !== undefined,
            verdict: mine?.verdict ?? 'incorrect',
            gradeScore: mine?.gradeScore ?? 0,
            points: mine?.points ?? 0,
            streakBonus: mine?.streakBonus ?? 0,
            matched: mine?.matched ?? [],
            missing: mine && mine.verdict !== 'correct' ? mine.missing.slice(0, MISSING_SHOWN) : [],
            overridden: mine?.overridden ?? false,
            ...(mine && q.kind !== 'choice' && q.kind !== 'text' && { choiceId: mine.choiceId, text: mine.text }),
            ...(q.kind === 'text' && { text: mine?.text ?? null, explanation: mine?.explanation ?? '' }),
          }
        : null,
    nextUp: nextUpOf(state, player),
    ...(player.team !== null && { team: teamOf(state, player, shared) }),
  };
}
