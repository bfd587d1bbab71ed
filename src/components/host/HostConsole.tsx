import { useState, type ReactNode } from 'react';
import type { HostAnswer, HostGroup, HostState } from '@/protocol';
import type { ConnectionState } from '@/client/socket';
import type { HostCommand } from '@/client/useHostRoom';
import { useJoinAddress } from '@/client/useJoinAddress';
import { SoundToggle } from '@/components/sound/SoundToggle';
import type { SoundSetting } from '@/components/sound/useSound';
import { Brand } from '@/components/ui/Brand';
import { ConnectionStatus } from '@/components/ui/ConnectionStatus';
import { Leaderboard } from '@/components/ui/Leaderboard';
import { GetReady, PausedBanner } from '@/components/ui/GetReady';
import { TeamBoard } from '@/components/teams/TeamScreen';
import { CopyHostLink } from './CopyHostLink';
import { HostControls } from './HostControls';
import { HostFinished } from './HostFinished';
import { HostLobby } from './HostLobby';
import { HostQuestion } from './HostQuestion';
import { HostReveal } from './HostReveal';
import { HostTeams } from './HostTeams';
import { JoinCard, JoinStrip } from './JoinCard';
import { PlayersPanel } from './PlayersPanel';
import './host.css';

type HostPlayer = HostState['players'][number];

const PHASE_LABEL = {
  lobby: 'Lobby',
  question: 'Question open',
  reveal: 'Results',
  leaderboard: 'Leaderboard',
  finished: 'Finished',
} as const;

export interface HostConsoleProps {
  code: string;
  host: HostState;
  /** monoNow() when the state arrived. */
  at: number;
  connection: ConnectionState;
  busy: boolean;
  kicking: string | null;
  overriding: string | null;
  /** Auto-advance as shown (the host's click, until the server confirms it). */
  autoAdvance: boolean;
  onCommand: (c: HostCommand) => void;
  onEnd: () => void;
  onKick: (p: HostPlayer) => void;
  onOverride: (a: HostAnswer, accept: boolean) => void;
  onSettleGroup: (g: HostGroup, accept: boolean) => void;
  onAutoAdvance: (on: boolean) => void;
  /** Hide the correct answer while a question is open (a shared or single screen must not give it away). */
  hideAnswer: boolean;
  onHideAnswer: (on: boolean) => void;
  sound: SoundSetting;
  toastRegion?: ReactNode;
  /** Host controls [R14] and teams [R15]; absent: their buttons are not shown. */
  onNextPastReveal?: () => void;
  onAddTime?: (seconds: number) => void;
  onLock?: (locked: boolean) => void;
  onTeams?: (count: number) => void;
}

/** The room column: how to join (folded once the game runs) and the players. */
function RoomSide({
  host,
  onKick,
  kicking,
}: {
  host: HostState;
  onKick: HostConsoleProps['onKick'];
  kicking: string | null;
}) {
  const pub = host.public;
  const join = useJoinAddress(host.joinUrl);
  const [showJoin, setShowJoin] = useState(false);
  const inGame = pub.phase !== 'lobby';
  return (
    <aside className={`host__side ${inGame ? 'host__side--game' : ''}`} aria-label="Room">
      {inGame && !showJoin ? (
        <JoinStrip code={pub.code} onShow={() => setShowJoin(true)} />
      ) : (
        <JoinCard
          code={pub.code}
          joinUrl={join.url}
          note={join.note}
          onHide={inGame ? () => setShowJoin(false) : undefined}
        />
      )}
      <PlayersPanel players={host.players} phase={pub.phase} onKick={onKick} kicking={kicking} />
    </aside>
  );
}

/** The host's console for a live room (pure: state in, callbacks out). */
export function HostConsole(props: HostConsoleProps) {
  const { code, host, at } = props;
  const pub = host.public;
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
        <ConnectionStatus state={props.connection} variant="pill" />
        <SoundToggle setting={props.sound} />
        <CopyHostLink />
        <a
          className="btn btn--secondary btn--sm"
          href={`/screen/${code}`}
          target="_blank"
          rel="noopener"
          data-testid="open-screen"
        >
          Open big screen <span aria-hidden="true">↗</span>
        </a>
      </header>

      <div className="host__body">
        <div className="host__stage">
          {/* On a laptop this scrolls on its own above the control bar, so the bar never covers an answer. */}
          <div
            className="host__scroll"
            data-testid="host-scroll"
            role="region"
            aria-label="Current phase"
            tabIndex={0}
          >
            {pub.paused ? <PausedBanner variant="host" /> : null}
            {pub.phase === 'lobby' ? <HostLobby state={pub} /> : null}
            {pub.phase === 'lobby' && props.onTeams ? (
              <HostTeams state={pub} busy={props.busy} onTeams={props.onTeams} />
            ) : null}
            {pub.phase === 'question' && q && q.readyInMs !== undefined ? (
              <GetReady
                key={`ready-${q.index}`}
                question={q}
                number={pub.questionNumber}
                total={pub.questionTotal}
                at={at}
                variant="host"
                paused={pub.paused}
              />
            ) : null}
            {pub.phase === 'question' && q && q.readyInMs === undefined ? (
              <HostQuestion host={host} question={q} at={at} hideAnswer={props.hideAnswer} />
            ) : null}
            {pub.phase === 'reveal' && q && pub.reveal ? (
              <HostReveal
                host={host}
                question={q}
                reveal={pub.reveal}
                onOverride={props.onOverride}
                onSettleGroup={props.onSettleGroup}
                busyId={props.overriding}
              />
            ) : null}
            {pub.phase === 'leaderboard' ? (
              <section className="stage stage--leaderboard" aria-labelledby="host-lb">
                <p className="eyebrow">
                  After question {pub.questionNumber} of {pub.questionTotal}
                </p>
                <h1 id="host-lb" className="stage__title">
                  Leaderboard
                </h1>
                {pub.teams ? <TeamBoard teams={pub.teams} title="Teams (average score)" /> : null}
                <Leaderboard rows={pub.leaderboard} />
              </section>
            ) : null}
            {pub.phase === 'finished' ? <HostFinished state={pub} /> : null}
          </div>
          <HostControls
            state={{ ...pub, autoAdvance: props.autoAdvance }}
            at={at}
            busy={props.busy}
            onCommand={props.onCommand}
            onEnd={props.onEnd}
            onAutoAdvance={props.onAutoAdvance}
            {...(props.onNextPastReveal && { onNextPastReveal: props.onNextPastReveal })}
            {...(props.onAddTime && { onAddTime: props.onAddTime })}
            {...(props.onLock && { onLock: props.onLock })}
            extra={
              // At the reveal the answer is everyone's: the switch would look broken there.
              pub.phase === 'reveal' ? null : (
                <label className="mini-toggle">
                  <input
                    type="checkbox"
                    role="switch"
                    data-testid="host-hide-answer"
                    checked={props.hideAnswer}
                    onChange={(e) => props.onHideAnswer(e.target.checked)}
                  />
                  <span>Hide answer</span>
                </label>
              )
            }
          />
        </div>
        <RoomSide host={host} onKick={props.onKick} kicking={props.kicking} />
      </div>
      {props.connection === 'reconnecting' ? (
        <div className="reconnect-banner" aria-hidden="true">
          Connection lost - reconnecting…
        </div>
      ) : null}
      {props.toastRegion}
    </main>
  );
}
