'use client';

import Link from 'next/link';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { HostAnswer, HostGroup, HostState } from '@/protocol';
import type { Result } from '@/client/socket';
import { read, write } from '@/client/storage';
import { useHostRoom, type HostCommand } from '@/client/useHostRoom';
import { useRoomSounds, useSoundSetting } from '@/components/sound/useSound';
import { StatusScreen } from '@/components/ui/StatusScreen';
import { HostConsole } from './HostConsole';

type HostPlayer = HostState['players'][number];

interface Toast {
  id: number;
  message: string;
}

const NON_TEXT_INPUTS = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file']);

/** Shortcuts stay out of the way while the host types into a field. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target instanceof HTMLInputElement) return !NON_TEXT_INPUTS.has(target.type);
  return target.tagName === 'TEXTAREA' || target.tagName === 'SELECT' || target.isContentEditable;
}

/**
 * The host's console (laptop): join card, players, the current phase and the control bar.
 *
 * Whether the answer is hidden by default follows the server's `screensAttached` [R14.7]: with no big screen,
 * this console is what the room sees (hide the answer); with one, the answer is safe here. A server that does
 * not say falls back to `hideAnswerByDefault`. The host's own choice, once made, is remembered per room.
 */
export function HostView({
  code,
  hideAnswerByDefault = true,
  soundByDefault = false,
}: {
  code: string;
  hideAnswerByDefault?: boolean;
  soundByDefault?: boolean;
}) {
  const room = useHostRoom(code);
  const screensAttached = room.room?.host.screensAttached;
  const hideByDefault = screensAttached === undefined ? hideAnswerByDefault : !screensAttached;
  const sound = useSoundSetting('host', soundByDefault);
  useRoomSounds(room.room?.host.public ?? null, room.room?.at ?? 0, { fanfareDelayS: 0.3 });
  // Remembered per room, so a reload in the middle of a question keeps the host's choice.
  const hideKey = `quizroom:host:${code}:hideAnswer`;
  const [hideAnswer, setHideAnswerState] = useState(hideByDefault);
  useEffect(() => {
    const stored = read(hideKey);
    setHideAnswerState(stored === null ? hideByDefault : stored === 'on');
  }, [hideKey, hideByDefault]);
  const setHideAnswer = useCallback(
    (on: boolean) => {
      write(hideKey, on ? 'on' : 'off');
      setHideAnswerState(on);
    },
    [hideKey],
  );
  const [toast, setToast] = useState<Toast | null>(null);
  const [busy, setBusy] = useState(false);
  const [kicking, setKicking] = useState<string | null>(null);
  const [overriding, setOverriding] = useState<string | null>(null);
  const [autoOverride, setAutoOverride] = useState<boolean | null>(null);
  const toastSeq = useRef(0);

  const showError = useCallback((message: string) => {
    toastSeq.current += 1;
    setToast({ id: toastSeq.current, message });
  }, []);

  useEffect(() => {
    if (!toast) return;
    const t = window.setTimeout(() => setToast((cur) => (cur?.id === toast.id ? null : cur)), 8000);
    return () => window.clearTimeout(t);
  }, [toast]);

  const report = useCallback(
    (res: Result<undefined>) => {
      // A stale command (pressed twice, or on a screen a moment behind) changed nothing, and the screen is
      // catching up by itself: nothing to tell the host [R3.8].
      if (!res.ok && res.error.code !== 'stale_command') showError(res.error.message);
      return res.ok;
    },
    [showError],
  );

  const host = room.room?.host ?? null;
  const pub = host?.public ?? null;
  const phase = pub?.phase ?? null;

  const busyRef = useRef(false);
  const run = useCallback(
    async (c: HostCommand) => {
      // One command at a time: a held or double-pressed key must not skip two phases.
      if (busyRef.current) return;
      busyRef.current = true;
      setBusy(true);
      try {
        report(await room.command(c));
      } finally {
        busyRef.current = false;
        setBusy(false);
      }
    },
    [room, report],
  );

  const end = useCallback(() => {
    if (!window.confirm('End the game now? Everyone goes straight to the final results.')) return;
    void run('host:end');
  }, [run]);

  const kick = useCallback(
    async (p: HostPlayer) => {
      setKicking(p.id);
      report(await room.kick(p.id));
      setKicking(null);
    },
    [room, report],
  );

  const override = useCallback(
    async (a: HostAnswer, accept: boolean) => {
      const q = room.room?.host.public.question;
      if (!q) return;
      setOverriding(a.playerId);
      report(await room.override(q.index, a.playerId, accept));
      setOverriding(null);
    },
    [room, report],
  );

  const settleGroup = useCallback(
    async (g: HostGroup, accept: boolean) => {
      const q = room.room?.host.public.question;
      if (!q) return;
      setOverriding(`group:${g.key}`);
      report(await room.overrideGroup(q.index, g.key, accept));
      setOverriding(null);
    },
    [room, report],
  );

  const serverAuto = pub?.autoAdvance ?? false;
  useEffect(() => {
    setAutoOverride((o) => (o === serverAuto ? null : o));
  }, [serverAuto]);
  const setAuto = useCallback(
    async (on: boolean) => {
      setAutoOverride(on);
      if (!report(await room.setAutoAdvance(on))) setAutoOverride(null);
    },
    [room, report],
  );

  const control = useCallback(
    async (f: () => Promise<Result<undefined>>) => {
      if (busyRef.current) return;
      busyRef.current = true;
      setBusy(true);
      try {
        report(await f());
      } finally {
        busyRef.current = false;
        setBusy(false);
      }
    },
    [report],
  );
  const nextPastReveal = useCallback(() => void control(room.nextPastReveal), [control, room.nextPastReveal]);
  const addTime = useCallback((s: number) => void control(() => room.addTime(s)), [control, room]);
  const setLocked = useCallback((on: boolean) => void control(() => room.setLocked(on)), [control, room]);
  const setTeams = useCallback((n: number) => void control(() => room.setTeams(n)), [control, room]);
  const paused = pub?.paused === true;

  // Keyboard shortcuts: N next (or start), R reveal, S skip, P pause/resume, + add 10 s, E end (confirmed).
  useEffect(() => {
    if (!phase || phase === 'finished') return;
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || e.repeat || isTyping(e.target)) return;
      const k = e.key.toLowerCase();
      if (k === 'n' && phase === 'question') nextPastReveal();
      else if (k === 'n') void run(phase === 'lobby' ? 'host:start' : 'host:next');
      else if (k === 'p' && phase !== 'lobby') void run(paused ? 'host:resume' : 'host:pause');
      else if ((k === '+' || k === '=') && phase === 'question') addTime(10);
      else if (k === 'r' && phase === 'question') void run('host:reveal');
      else if (k === 's' && phase === 'question') void run('host:skip');
      else if (k === 'e') end();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [phase, run, end, nextPastReveal, addTime, paused]);

  const toastRegion = (
    <div className="toast-region">
      {toast ? (
        <div className="toast" data-testid="host-error" key={toast.id} role="alert">
          <span className="toast__icon" aria-hidden="true">
            !
          </span>
          <span className="toast__text">{toast.message}</span>
          <button type="button" className="toast__close" onClick={() => setToast(null)} aria-label="Dismiss">
            ✕
          </button>
        </div>
      ) : null}
    </div>
  );

  if (!host || !pub || room.status !== 'ready') {
    return (
      <main
        className="page page--status"
        data-testid="host-view"
        data-phase={phase ?? 'none'}
        data-status={room.status}
        id="main"
      >
        {renderStatus(room.status, code, room.error?.message, room.retry)}
        {toastRegion}
      </main>
    );
  }

  return (
    <HostConsole
      code={code}
      host={host}
      at={room.room?.at ?? 0}
      connection={room.connection}
      busy={busy}
      kicking={kicking}
      overriding={overriding}
      autoAdvance={autoOverride ?? pub.autoAdvance}
      onCommand={(c) => void run(c)}
      onEnd={end}
      onKick={(p) => void kick(p)}
      onOverride={(a, ok) => void override(a, ok)}
      onSettleGroup={(g, ok) => void settleGroup(g, ok)}
      onAutoAdvance={(on) => void setAuto(on)}
      hideAnswer={hideAnswer}
      onHideAnswer={setHideAnswer}
      sound={sound}
      toastRegion={toastRegion}
      onNextPastReveal={nextPastReveal}
      onAddTime={addTime}
      onLock={setLocked}
      onTeams={setTeams}
    />
  );
}

function renderStatus(status: string, code: string, message: string | undefined, retry: () => void) {
  switch (status) {
    case 'no-token':
    case 'invalid':
      return (
        <StatusScreen
          tone="error"
          title="This host link is not valid"
          testId="host-invalid"
          actions={
            <>
              <Link href="/" className="btn btn--primary">
                Create a new game
              </Link>
              <Link href={`/screen/${code}`} className="btn btn--secondary">
                Watch the big screen
              </Link>
            </>
          }
        >
          <p data-testid="host-error">
            {status === 'no-token'
              ? `This browser has no host key for room ${code}. Open the full host link (the one ending in #token=…) from the device that created the game.`
              : `The host key in this link does not match room ${code}. Copy the host link again from the device that created the game.`}
          </p>
        </StatusScreen>
      );
    case 'not-found':
      return (
        <StatusScreen
          tone="warn"
          title={`No game with code ${code}`}
          actions={
            <Link href="/" className="btn btn--primary">
              Create a game
            </Link>
          }
        >
          <p data-testid="host-error">{message ?? 'The room does not exist, or the server was restarted.'}</p>
        </StatusScreen>
      );
    case 'finished':
      return (
        <StatusScreen
          tone="info"
          title="This game has ended"
          actions={
            <>
              <Link href={`/results/${code}`} className="btn btn--primary" data-testid="results-link">
                See the results
              </Link>
              <Link href="/" className="btn btn--secondary">
                Host another game
              </Link>
            </>
          }
        />
      );
    case 'error':
      return (
        <StatusScreen
          tone="error"
          title="Could not open the host console"
          actions={
            <button type="button" className="btn btn--primary" onClick={retry}>
              Try again
            </button>
          }
        >
          <p data-testid="host-error">{message ?? 'Something went wrong.'}</p>
        </StatusScreen>
      );
    default:
      return <StatusScreen tone="loading" title={`Connecting to room ${code}…`} />;
  }
}
