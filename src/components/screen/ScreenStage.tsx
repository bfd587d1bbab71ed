import type { PublicState } from '@/protocol';
import type { ConnectionState } from '@/client/socket';
import { SoundToggle } from '@/components/sound/SoundToggle';
import type { SoundSetting } from '@/components/sound/useSound';
import { Brand } from '@/components/ui/Brand';
import { ConnectionStatus } from '@/components/ui/ConnectionStatus';
import { AutoAdvanceHint } from '@/components/ui/Countdown';
import { Leaderboard } from '@/components/ui/Leaderboard';
import { Podium } from '@/components/ui/Podium';
import { GetReady, PausedBanner } from '@/components/ui/GetReady';
import { TeamBoard, TeamPodium } from '@/components/teams/TeamScreen';
import { ScreenLobby } from './ScreenLobby';
import { ScreenQuestion } from './ScreenQuestion';
import { ScreenReveal } from './ScreenReveal';

/** The projector view of a live room (pure: state in). */
export function ScreenStage({
  state,
  at,
  connection,
  origin,
  joinNote = null,
  sound,
}: {
  state: PublicState;
  at: number;
  connection: ConnectionState;
  origin: string;
  /** Why the join address is not the one the server sent (or not reachable), for the host to act on. */
  joinNote?: string | null;
  sound?: SoundSetting;
}) {
  const q = state.question;
  const host = origin.replace(/^https?:\/\//, '');
  return (
    <main
      className={`screen screen--${state.phase}`}
      data-testid="screen-view"
      data-phase={state.phase}
      id="main"
    >
      <header className="screen__bar">
        <div className="screen__brand">
          <Brand href={null} size={40} />
          <span className="screen__deck">{state.title}</span>
        </div>
        <div className="screen__progress">
          {state.questionNumber > 0 && state.phase !== 'finished' ? (
            <>
              Question <strong>{state.questionNumber}</strong> of {state.questionTotal}
            </>
          ) : null}
        </div>
        <div className="screen__joinhint">
          {state.phase !== 'lobby' ? (
            <>
              <span className="muted">{host ? `${host}/join` : 'Join'}</span>
              <span className="screen__code" data-testid="room-code">
                {state.code}
              </span>
            </>
          ) : null}
          {sound ? <SoundToggle setting={sound} /> : null}
          <ConnectionStatus state={connection} variant="pill" />
        </div>
      </header>

      <div className="screen__body">
        {state.phase === 'lobby' ? <ScreenLobby state={state} origin={origin} note={joinNote} /> : null}
        {state.phase === 'question' && q && q.readyInMs !== undefined ? (
          <GetReady
            key={`ready-${q.index}`}
            question={q}
            number={state.questionNumber}
            total={state.questionTotal}
            at={at}
            variant="screen"
            paused={state.paused}
          />
        ) : null}
        {state.phase === 'question' && q && q.readyInMs === undefined ? (
          <ScreenQuestion state={state} question={q} at={at} />
        ) : null}
        {state.phase === 'reveal' && q && state.reveal ? (
          <ScreenReveal state={state} question={q} reveal={state.reveal} />
        ) : null}
        {state.phase === 'leaderboard' ? (
          <section className="slb" aria-labelledby="slb-title">
            <h1 id="slb-title" className="screen__title">
              Leaderboard
            </h1>
            {state.teams && state.teams.length > 0 ? (
              <div className="slb__teams">
                <TeamBoard teams={state.teams} title="Teams (average score)" />
                <Leaderboard rows={state.leaderboard.slice(0, 10)} variant="compact" caption="Players" />
              </div>
            ) : (
              <Leaderboard rows={state.leaderboard.slice(0, 10)} variant="screen" />
            )}
          </section>
        ) : null}
        {state.phase === 'finished' ? (
          <section className="sfin" aria-labelledby="sfin-title">
            <h1 id="sfin-title" className="screen__title">
              Final results
            </h1>
            {state.teams && state.teams.length > 0 ? (
              <div className="sfin__body sfin__body--teams">
                <TeamPodium teams={state.teams} staged />
                <div className="sfin__ranking">
                  <TeamBoard teams={state.teams} title="Teams (average score)" />
                  <Leaderboard
                    rows={state.leaderboard.slice(0, 5)}
                    variant="compact"
                    showMovement={false}
                    showGain={false}
                    caption="Top players"
                  />
                </div>
              </div>
            ) : (
            <div className="sfin__body">
              <Podium
                variant="screen"
                staged
                entries={state.leaderboard.map((r) => ({
                  id: r.playerId,
                  nickname: r.nickname,
                  score: r.score,
                  rank: r.rank,
                }))}
              />
              {state.leaderboard.length > 0 ? (
                <div className="sfin__ranking">
                  <Leaderboard
                    rows={state.leaderboard.slice(0, 10)}
                    variant="compact"
                    showMovement={false}
                    showGain={false}
                    caption="Final ranking"
                  />
                </div>
              ) : null}
            </div>
            )}
          </section>
        ) : null}
      </div>

      {(state.phase === 'reveal' || state.phase === 'leaderboard') && state.phaseRemainingMs !== null ? (
        <footer className="screen__foot">
          <AutoAdvanceHint remainingMs={state.phaseRemainingMs} at={at} />
        </footer>
      ) : null}
      {state.paused ? <PausedBanner variant="screen" /> : null}
      {connection === 'reconnecting' ? (
        <div className="reconnect-banner" aria-hidden="true">
          Connection lost - reconnecting…
        </div>
      ) : null}
    </main>
  );
}
