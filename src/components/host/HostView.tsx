'use client';

import Link from 'next/link';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { HostAnswer, HostState } from '@/protocol';
import type { Result } from '@/client/socket';
import { useHostRoom, type HostCommand } from '@/client/useHostRoom';
import { Brand } from '@/components/ui/Brand';
import { ConnectionStatus } from '@/components/ui/ConnectionStatus';
import { Leaderboard } from '@/components/ui/Leaderboard';
import { StatusScreen } from '@/components/ui/StatusScreen';
import { HostControls } from './HostControls';
import { HostFinished } from './HostFinished';
import { HostLobby } from './HostLobby';
import { HostQuestion } from './HostQuestion';
import { HostReveal } from './HostReveal';
import { JoinCard } from './JoinCard';
import { PlayersPanel } from './PlayersPanel';

type HostPlayer = HostState['players'][number];

const PHASE_LABEL = {
  lobby: 'Lobby',
  question: 'Question open',
  reveal: 'Results',
  leaderboard: 'Leaderboard',
  finished: 'Finished',
} as const;

interface Toast {
  id: number;
  message: string;
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  const tag = target.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || target.isContentEditable;
}

/** The host's console (laptop): join card, players, the current phase and the control bar. */
export function HostView({ code }: { code: string }) {
  const room = useHostRoom(code);
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
      if (!res.ok) showError(res.error.message);
      return res.ok;
    },
    [showError],
  );

  const host = room.room?.host ?? null;
  const pub = host?.public ?? null;
  const phase = pub?.phase ?? null;

  const run = useCallback(
    async (c: HostCommand) => {
      setBusy(true);
      try {
        report(await room.command(c));
      } finally {
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

  // Keyboard shortcuts: N next (or start), R reveal, S skip, E end (with a confirmation).
  useEffect(() => {
    if (!phase || phase === 'finished') return;
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || e.repeat || isTyping(e.target)) return;
      const k = e.key.toLowerCase();
      if (k === 'n') void run(phase === 'lobby' ? 'host:start' : 'host:next');
      else if (k === 'r' && phase === 'question') void run('host:reveal');
      else if (k === 's' && phase === 'question') void run('host:skip');
      else if (k === 'e') end();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [phase, run, end]);

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
      <main className="page page--status" data-testid="host-view" data-phase={phase ?? 'none'} data-status={room.status} id="main">
        {renderStatus(room.status, code, room.error?.message, room.retry)}
        {toastRegion}
      </main>
    );
  }

  const q = pub.question;
  return (
    <main className="host" data-testid="host-view" data-phase={pub.phase} id="main">
      <header className="host__bar">
        <Brand href="/" size={28} />
        <div className="host__title">
          <span className="host__deck">{pub.title}</span>
          <span className={`phase-pill phase-pill--${pub.phase}`}>{PHASE_LABEL[pub.phase]}</span>
          {pub.questionNumber > 0 && pub.phase !== 'finished' ? (
            <span className="muted">
              Q{pub.questionNumber}/{pub.questionTotal}
            </span>
          ) : null}
        </div>
        <ConnectionStatus state={room.connection} variant="pill" />
        <a className="btn btn--secondary btn--sm" href={`/screen/${code}`} target="_blank" rel="noopener" data-testid="open-screen">
          Open big screen <span aria-hidden="true">↗</span>
        </a>
      </header>

      <div className="host__body">
        <div className="host__stage">
          {pub.phase === 'lobby' ? <HostLobby state={pub} /> : null}
          {pub.phase === 'question' && q ? <HostQuestion host={host} question={q} at={room.room?.at ?? 0} /> : null}
          {pub.phase === 'reveal' && q && pub.reveal ? (
            <HostReveal host={host} question={q} reveal={pub.reveal} onOverride={(a, ok) => void override(a, ok)} busyId={overriding} />
          ) : null}
          {pub.phase === 'leaderboard' ? (
            <section className="stage stage--leaderboard" aria-labelledby="host-lb">
              <p className="eyebrow">
                After question {pub.questionNumber} of {pub.questionTotal}
              </p>
              <h1 id="host-lb" className="stage__title">
                Leaderboard
              </h1>
              <Leaderboard rows={pub.leaderboard} />
            </section>
          ) : null}
          {pub.phase === 'finished' ? <HostFinished state={pub} /> : null}
          <HostControls
            state={{ ...pub, autoAdvance: autoOverride ?? pub.autoAdvance }}
            at={room.room?.at ?? 0}
            busy={busy}
            onCommand={(c) => void run(c)}
            onEnd={end}
            onAutoAdvance={(on) => void setAuto(on)}
          />
        </div>
        <aside className="host__side" aria-label="Room">
          <JoinCard code={pub.code} joinUrl={host.joinUrl} />
          <PlayersPanel players={host.players} phase={pub.phase} onKick={(p) => void kick(p)} kicking={kicking} />
        </aside>
      </div>
      {room.connection === 'reconnecting' ? (
        <div className="reconnect-banner" aria-hidden="true">
          Connection lost - reconnecting…
        </div>
      ) : null}
      {toastRegion}
    </main>
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
          <p>
            {status === 'no-token'
              ? `This browser has no host key for room ${code}. Open the full host link (the one ending in #token=…) from the device that created the game.`
              : `The host key in this link does not match room ${code}. Copy the host link again from the device that created the game.`}
          </p>
        </StatusScreen>
      );
    case 'not-found':
      return (
        <StatusScreen tone="warn" title={`No game with code ${code}`} actions={<Link href="/" className="btn btn--primary">Create a game</Link>}>
          <p>{message ?? 'The room does not exist, or the server was restarted.'}</p>
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
        <StatusScreen tone="error" title="Could not open the host console" actions={<button type="button" className="btn btn--primary" onClick={retry}>Try again</button>}>
          <p>{message ?? 'Something went wrong.'}</p>
        </StatusScreen>
      );
    default:
      return <StatusScreen tone="loading" title={`Connecting to room ${code}…`} />;
  }
}
