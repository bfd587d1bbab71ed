'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { charCount, foldSpaces, NICKNAME_MAX } from '@/contract';
import { profileTokenForJoin } from './profile';
import type { PublicState, You } from '@/protocol';
import { roomInfo, type RoomInfo } from './api';
import { isValidCode } from './codes';
import { rejoinRetryMs } from './retry';
import { getSocket, request, type ClientError, type ConnectionState } from './socket';
import { clearPlayer, getPlayer, setLastNickname, setPlayer } from './storage';
import { useConnection } from './useConnection';
import { useRoomChannel } from './useRoomChannel';

export type PlayerStatus =
  | 'checking' // looking the room up, or rejoining with a stored seat
  | 'join' // needs a nickname
  | 'joining'
  | 'in'
  | 'not-found'
  | 'finished'
  | 'full'
  | 'kicked'
  | 'error';

/** What a phone sends for each kind of question [R12.2]. */
export type AnswerInput = { choiceId: string } | { choiceIds: string[] } | { value: number } | { text: string };

export interface LocalAnswer {
  questionIndex: number;
  choiceId: string | null;
  text: string | null;
}

export interface PlayerRoom {
  status: PlayerStatus;
  connection: ConnectionState;
  state: PublicState | null;
  /** monoNow() when `state` arrived. */
  at: number;
  you: You | null;
  info: RoomInfo | null;
  /** Why the join form is shown again (e.g. the stored seat was no longer valid). */
  notice: string | null;
  joinError: ClientError | null;
  answerError: ClientError | null;
  /** Error behind 'error' / 'not-found' / 'full' / 'finished' / 'kicked'. */
  error: ClientError | null;
  /** The answer sent for the open question, before the server confirms it. */
  pending: LocalAnswer | null;
  join(nickname: string): Promise<void>;
  answer(a: AnswerInput): Promise<void>;
  /** Picks a team in the lobby [R15.3]; the error, if refused, is in `teamError`. */
  pickTeam(team: number): Promise<void>;
  teamError: ClientError | null;
  retry(): void;
}

const SEAT_LOST = 'Your earlier seat in this game is no longer valid. Pick a nickname to join again.';

/** A player's phone: joins or rejoins (localStorage seat), follows the room and its own `You`. */
export function usePlayerRoom(code: string): PlayerRoom {
  const valid = isValidCode(code);
  const [status, setStatusState] = useState<PlayerStatus>(valid ? 'checking' : 'not-found');
  const statusRef = useRef<PlayerStatus>(status);
  const setStatus = useCallback((s: PlayerStatus) => {
    statusRef.current = s;
    setStatusState(s);
  }, []);
  const channel = useRoomChannel(code, { enabled: valid, accept: () => statusRef.current === 'in' });
  const state = channel.room?.state ?? null;
  const at = channel.room?.at ?? 0;
  const [you, setYou] = useState<You | null>(null);
  const [info, setInfo] = useState<RoomInfo | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [joinError, setJoinError] = useState<ClientError | null>(null);
  const [answerError, setAnswerError] = useState<ClientError | null>(null);
  const [error, setError] = useState<ClientError | null>(null);
  const [pending, setPending] = useState<LocalAnswer | null>(null);
  const [hasSeat, setHasSeat] = useState<boolean | null>(null);

  const applyState: (s: PublicState) => void = channel.replace;

  /** Terminal outcomes shared by join and rejoin. */
  const fail = useCallback(
    (e: ClientError): boolean => {
      switch (e.code) {
        case 'room_not_found':
        case 'bad_request':
          setError(e);
          setStatus('not-found');
          return true;
        case 'game_finished':
          setError(e);
          setStatus('finished');
          return true;
        case 'room_full':
          setError(e);
          setStatus('full');
          return true;
        case 'removed':
          clearPlayer(code);
          setError(e);
          setStatus('kicked');
          return true;
        default:
          return false;
      }
    },
    [code, setStatus],
  );

  const showJoinForm = useCallback(async () => {
    const res = await roomInfo(code);
    if (res.ok) {
      setInfo(res.data);
      if (!res.data.live || res.data.phase === 'finished') {
        setError({ code: 'game_finished', message: `Game ${code} has ended.` });
        setStatus('finished');
      } else setStatus('join');
    } else if (res.status === 404 || res.status === 400) {
      setError({ code: 'room_not_found', message: res.message });
      setStatus('not-found');
    } else {
      // Can't tell (network); let them try: the join itself will say what's wrong.
      setStatus('join');
    }
  }, [code, setStatus]);

  const rejoinTimer = useRef<number | undefined>(undefined);
  const rejoinRef = useRef<(() => Promise<void>) | null>(null);
  const rejoin = useCallback(async () => {
    window.clearTimeout(rejoinTimer.current);
    const seat = getPlayer(code);
    if (!seat) return;
    const res = await request('player:rejoin', {
      code,
      playerId: seat.playerId,
      rejoinToken: seat.rejoinToken,
    });
    if (res.ok) {
      applyState(res.data.state);
      setYou(res.data.you);
      setError(null);
      setStatus('in');
      return;
    }
    // A malformed stored seat (bad_request: the code itself was checked) is as good as a wrong token.
    if (res.error.code !== 'bad_request' && fail(res.error)) return;
    if (
      res.error.code === 'bad_token' ||
      res.error.code === 'unknown_player' ||
      res.error.code === 'bad_request'
    ) {
      clearPlayer(code);
      setHasSeat(false);
      setNotice(SEAT_LOST);
      setYou(null);
      void showJoinForm();
      return;
    }
    if (res.error.code === 'offline') return; // the next connect retries
    if (statusRef.current !== 'in') {
      setError(res.error);
      setStatus('error');
    }
    // Refused for now (too many rejoins from this network at once, the room still moving): try again by itself.
    const wait = rejoinRetryMs(res.error);
    if (wait !== null) {
      window.clearTimeout(rejoinTimer.current);
      rejoinTimer.current = window.setTimeout(() => void rejoinRef.current?.(), wait);
    }
  }, [code, applyState, fail, showJoinForm, setStatus]);
  rejoinRef.current = rejoin;
  useEffect(() => () => window.clearTimeout(rejoinTimer.current), []);

  // First look: a stored seat means rejoin (on connect); otherwise check the room exists and ask a nickname.
  useEffect(() => {
    if (!valid) return;
    const seat = getPlayer(code);
    setHasSeat(seat !== null);
    if (!seat) void showJoinForm();
  }, [code, valid, showJoinForm]);

  const connection = useConnection(valid && hasSeat !== null, () => {
    if (
      getPlayer(code) &&
      (statusRef.current === 'checking' || statusRef.current === 'in' || statusRef.current === 'error')
    ) {
      void rejoin();
    }
  });

  useEffect(() => {
    if (!valid) return;
    const s = getSocket();
    const onYou = (y: You) => {
      if (statusRef.current !== 'in') return;
      setYou(y);
    };
    const onKicked = (k: { reason: string }) => {
      clearPlayer(code);
      setError({ code: 'removed', message: k.reason });
      setStatus('kicked');
    };
    s.on('player:you', onYou);
    s.on('player:kicked', onKicked);
    return () => {
      s.off('player:you', onYou);
      s.off('player:kicked', onKicked);
    };
  }, [code, valid, setStatus]);

  // A new question (or the end of one) clears the last answer's local state.
  const questionKey = state ? `${state.phase}:${state.question?.index ?? -1}` : '';
  // When this phone first showed the open question: the answer reports the reaction time from there [R4.6].
  const shownAt = useRef<{ key: string; t: number } | null>(null);
  // During the "get ready" lead-in the choices are not shown yet: the reaction starts when they are [R14.5].
  if (state?.phase === 'question' && state.question?.readyInMs === undefined && shownAt.current?.key !== questionKey) {
    shownAt.current = { key: questionKey, t: performance.now() };
  }
  useEffect(() => {
    setAnswerError(null);
    setPending((p) => (p && questionKey === `question:${p.questionIndex}` ? p : null));
  }, [questionKey]);

  const join = useCallback(
    async (raw: string) => {
      const nickname = foldSpaces(raw);
      if (nickname.length < 1 || charCount(nickname) > NICKNAME_MAX) {
        setJoinError({ code: 'invalid_nickname', message: `Nicknames are 1 to ${NICKNAME_MAX} characters.` });
        return;
      }
      setJoinError(null);
      setStatus('joining');
      // A profile claimed on this device makes the game count in the player's history [R2.9].
      const res = await request('player:join', { code, nickname, ...profileTokenForJoin() });
      if (res.ok) {
        setPlayer(code, {
          playerId: res.data.playerId,
          rejoinToken: res.data.rejoinToken,
          nickname: res.data.you.nickname,
        });
        setLastNickname(res.data.you.nickname);
        setHasSeat(true);
        setNotice(null);
        statusRef.current = 'in';
        applyState(res.data.state);
        setYou(res.data.you);
        setStatus('in');
        return;
      }
      // A malformed join (not the code: that was checked) is the nickname's problem: say so inline.
      if (res.error.code !== 'bad_request' && fail(res.error)) return;
      setJoinError(res.error);
      setStatus('join');
    },
    [code, applyState, fail, setStatus],
  );

  const answer = useCallback(
    async (a: AnswerInput) => {
      const q = state?.question;
      if (!q || state?.phase !== 'question') return;
      // Shown as the server will store it: several ids as one "a,c", a number as its text [R12.2].
      const local: LocalAnswer = {
        questionIndex: q.index,
        choiceId: 'choiceId' in a ? a.choiceId : 'choiceIds' in a ? a.choiceIds.join(',') : null,
        text: 'text' in a ? a.text : 'value' in a ? String(a.value) : null,
      };
      setPending(local);
      setAnswerError(null);
      const seen = shownAt.current?.key === `question:${q.index}` ? shownAt.current.t : undefined;
      const reactionMs = seen === undefined ? undefined : Math.max(0, Math.round(performance.now() - seen));
      const res = await request('player:answer', { code, questionIndex: q.index, ...a, reactionMs });
      if (res.ok || res.error.code === 'already_answered') return;
      setPending((p) => (p === local ? null : p));
      setAnswerError(res.error);
    },
    [code, state],
  );

  const [teamError, setTeamError] = useState<ClientError | null>(null);
  const pickTeam = useCallback(
    async (team: number) => {
      setTeamError(null);
      const res = await request('player:team', { code, team });
      if (!res.ok) setTeamError(res.error);
    },
    [code],
  );

  const retry = useCallback(() => {
    setError(null);
    if (getPlayer(code)) {
      setStatus('checking');
      void rejoin();
    } else {
      setStatus('checking');
      void showJoinForm();
    }
  }, [code, rejoin, showJoinForm, setStatus]);

  return {
    status,
    connection,
    state,
    at,
    you,
    info,
    notice,
    joinError,
    answerError,
    error,
    pending,
    join,
    answer,
    pickTeam,
    teamError,
    retry,
  };
}
