'use client';

import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { PublicState } from '@/protocol';
import { read, write } from '@/client/storage';
import { secondsLeft, useRemaining } from '@/client/time';
import { soundEngine } from './engine';

/** Where the page runs: each remembers its own setting (a host and a big screen often share one browser). */
export type SoundSurface = 'phone' | 'host' | 'screen';

const key = (surface: SoundSurface) => `quizroom:sound:${surface}`;

export interface SoundSetting {
  on: boolean;
  /** A gesture has happened on this page, so sound can actually play. */
  ready: boolean;
  setOn(on: boolean): void;
}

/** The page's one mute toggle, remembered in this browser; `defaultOn` until the person chooses. */
export function useSoundSetting(surface: SoundSurface, defaultOn: boolean): SoundSetting {
  const engine = soundEngine();
  const [on, setOnState] = useState(false);
  useEffect(() => {
    const stored = read(key(surface));
    setOnState(stored === null ? defaultOn : stored === 'on');
    engine.armOnGesture();
  }, [surface, defaultOn, engine]);
  useEffect(() => {
    engine.setEnabled(on);
  }, [engine, on]);
  const ready = useSyncExternalStore(
    (fn) => engine.subscribe(fn),
    () => engine.ready,
    () => false,
  );
  const setOn = useCallback(
    (value: boolean) => {
      write(key(surface), value ? 'on' : 'off');
      setOnState(value);
    },
    [surface],
  );
  return { on, ready, setOn };
}

/**
 * The room's sounds, following the game: the lobby loop while waiting, a tick each of the last five seconds
 * of a question, the sting at the reveal, the fanfare when the winner reaches the podium. Only changes seen
 * while the page is open play (opening a page in the middle of the reveal stays quiet). `lobby: false` leaves
 * the loop out (phones: thirty phones looping in one room is noise).
 */
export function useRoomSounds(
  state: Pick<PublicState, 'phase' | 'question'> | null,
  at: number,
  { lobby = true, fanfareDelayS = 0 }: { lobby?: boolean; fanfareDelayS?: number } = {},
): void {
  const engine = soundEngine();
  const phase = state?.phase ?? null;
  useEffect(() => {
    if (phase !== 'lobby' || !lobby) return;
    engine.startLoop();
    return () => engine.stopLoop();
  }, [engine, phase, lobby]);

  const previous = useRef<string | null>(null);
  useEffect(() => {
    const was = previous.current;
    previous.current = phase;
    if (was === null || was === phase) return;
    if (phase === 'reveal') engine.play('reveal');
    else if (phase === 'finished') engine.play('fanfare', fanfareDelayS);
  }, [engine, phase, fanfareDelayS]);

  const q = phase === 'question' ? (state?.question ?? null) : null;
  const left = useRemaining(q ? q.remainingMs : null, at, 100);
  const secs = left === null ? null : secondsLeft(left);
  const lastTick = useRef<string | null>(null);
  useEffect(() => {
    if (secs === null || secs < 1 || secs > 5 || !q) return;
    const id = `${q.index}:${secs}`;
    if (lastTick.current === id) return;
    // The first value seen for a question is where the page came in, not a second that just began.
    const first = lastTick.current === null || !lastTick.current.startsWith(`${q.index}:`);
    lastTick.current = id;
    if (first && left !== null && left % 1000 < 800) return;
    engine.play(secs === 1 ? 'last-tick' : 'tick');
  }, [engine, secs, q, left]);
}
