'use client';

import dynamic from 'next/dynamic';
import Link from 'next/link';
import { ReviewMissedLink } from '@/components/study/ReviewMissedLink';
import type { PublicState, You } from '@/protocol';
import { usePlayerRoom, type LocalAnswer, type PlayerRoom } from '@/client/usePlayerRoom';
import { CountUp } from '@/components/motion/CountUp';
import { SoundToggle } from '@/components/sound/SoundToggle';
import { useRoomSounds, useSoundSetting } from '@/components/sound/useSound';
import { Brand } from '@/components/ui/Brand';
import { ConnectionStatus } from '@/components/ui/ConnectionStatus';
import { StatusScreen } from '@/components/ui/StatusScreen';
import { GetReady, PausedBanner } from '@/components/ui/GetReady';
import { TeamLine, TeamPicker } from '@/components/teams/Teams';
import { NicknameForm } from './NicknameForm';
import { PlayerQuestion } from './PlayerQuestion';
import { PlayerResult, RankScore, ordinal } from './PlayerResult';
import { currentStanding, finalStanding } from './standing';
import { useWakeLock } from './useWakeLock';
import './player.css';

// The profile offer comes after the game: its code loads then, not with the first question.
const ClaimProfile = dynamic(() => import('@/components/profile/ClaimProfile').then((m) => m.ClaimProfile), {
  ssr: false,
});

function lockedAnswer(state: PublicState, you: You | null, pending: LocalAnswer | null): LocalAnswer | null {
  const q = state.question;
  if (!q) return null;
  if (you?.answered && you.answered.questionIndex === q.index) return you.answered;
  if (pending && pending.questionIndex === q.index) return pending;
  return null;
}

function Waiting({ state, you, room }: { state: PublicState; you: You; room: PlayerRoom }) {
  return (
    <section className="pw" data-testid="waiting" aria-labelledby="pw-title">
      <span className="pw__check" aria-hidden="true">
        ✓
      </span>
      <h1 id="pw-title" className="pw__title">
        You&apos;re in!
      </h1>
      <p className="pw__nick">{you.nickname}</p>
      <p className="pw__hint">See your name on the big screen</p>
      <p className="pw__meta muted" aria-live="polite">
        {state.playerCount} {state.playerCount === 1 ? 'player' : 'players'} in the room · waiting for the
        host to start
        <span className="dots" aria-hidden="true" />
      </p>
      {state.teams ? (
        <TeamPicker
          teams={state.teams}
          mine={you.team?.team ?? null}
          busy={false}
          error={room.teamError?.message ?? null}
          onPick={(t) => void room.pickTeam(t)}
        />
      ) : null}
    </section>
  );
}

function Standings({ state, you }: { state: PublicState; you: You }) {
  const mine = state.leaderboard.find((r) => r.playerId === you.playerId);
  const standing = currentStanding(you, state.leaderboard, you.nextUp);
  return (
    <section className="pl" aria-labelledby="pl-title">
      <p className="eyebrow">
        After question {state.questionNumber} of {state.questionTotal}
      </p>
      <h1 id="pl-title" className="pl__title">
        {standing.title}
      </h1>
      {standing.gap ? (
        <p className="standing-gap" data-testid="standing-gap">
          {standing.gap}
        </p>
      ) : null}
      <RankScore you={you} />
      <TeamLine you={you} />
      {mine && mine.movement !== 0 ? (
        <p className={`pl__move ${mine.movement > 0 ? 'pl__move--up' : 'pl__move--down'}`}>
          {mine.movement > 0 ? `▲ Up ${mine.movement}` : `▼ Down ${-mine.movement}`}{' '}
          {Math.abs(mine.movement) === 1 ? 'place' : 'places'}
        </p>
      ) : null}
      <p className="muted pl__hint">Eyes on the big screen for the next question.</p>
    </section>
  );
}

function Finished({ state, you }: { state: PublicState; you: You }) {
  const rank = you.rank;
  const standing = finalStanding(you, state.leaderboard, you.nextUp);
  return (
    <section className="pf" aria-labelledby="pf-title">
      <p className="eyebrow">Game over · {state.title}</p>
      <h1 id="pf-title" className="pf__title" data-testid="final-title">
        {standing.title}
      </h1>
      {standing.gap ? (
        <p className="standing-gap" data-testid="standing-gap">
          {standing.gap}
        </p>
      ) : null}
      <div className={`pf__medal ${rank !== null && rank <= 3 ? `pf__medal--${rank}` : ''}`}>
        {rank === null ? (
          <span className="pf__rank">–</span>
        ) : (
          <>
            <span className="pf__rank" data-testid="final-rank">
              {rank}
            </span>
            <span className="pf__suffix">{ordinal(rank)}</span>
          </>
        )}
      </div>
      {/* "3rd of 3" already says it; the winner's and the unranked headline do not. */}
      {rank === null || rank === 1 ? <p className="pf__of muted">of {you.playerCount} players</p> : null}
      <p className="pf__score">
        <CountUp value={you.score} from={0} testId="my-score" /> pts
      </p>
      <TeamLine you={you} />
      <Link
        className="btn btn--primary btn--xl btn--block"
        href={`/results/${state.code}`}
        data-testid="results-link"
      >
        See all results
      </Link>
      <ReviewMissedLink code={state.code} />
      <Link className="btn btn--secondary btn--lg btn--block" href={`/results/${state.code}`} data-testid="study-sheet-link">
        Study sheet
      </Link>
      <Link className="btn btn--secondary btn--lg btn--block" href="/join">
        Join another game
      </Link>
      <ClaimProfile code={state.code} defaultName={you.nickname} compact />
    </section>
  );
}

function Body({ room, code }: { room: PlayerRoom; code: string }) {
  const { status, state, you } = room;
  switch (status) {
    case 'checking':
      return <StatusScreen tone="loading" title={`Joining room ${code}…`} />;
    case 'join':
    case 'joining':
      return (
        <NicknameForm
          code={code}
          title={room.info?.title}
          busy={status === 'joining'}
          error={room.joinError}
          notice={room.notice}
          onJoin={(n) => void room.join(n)}
        />
      );
    case 'not-found':
      return (
        <StatusScreen
          tone="warn"
          title="Room not found"
          actions={
            <Link href="/join" className="btn btn--primary btn--lg">
              Try another code
            </Link>
          }
        >
          <p data-testid="player-error">
            {room.error?.message ?? `No game with code ${code}.`} Check the code on the big screen: codes
            never contain 0, 1, I, L or O.
          </p>
        </StatusScreen>
      );
    case 'full':
      return (
        <StatusScreen
          tone="warn"
          title="This room is full"
          actions={
            <Link href="/join" className="btn btn--primary btn--lg">
              Join another game
            </Link>
          }
        >
          <p data-testid="player-error">{room.error?.message ?? 'No more players can join this game.'}</p>
        </StatusScreen>
      );
    case 'finished':
      return (
        <StatusScreen
          tone="info"
          title="This game has ended"
          actions={
            <Link href={`/results/${code}`} className="btn btn--primary btn--lg" data-testid="results-link">
              See the results
            </Link>
          }
        >
          <p data-testid="player-error">{room.error?.message ?? `Game ${code} has ended.`}</p>
        </StatusScreen>
      );
    case 'kicked':
      return (
        <section data-testid="kicked" className="kicked">
          <StatusScreen
            tone="error"
            title="You were removed from this game"
            actions={
              <Link href="/join" className="btn btn--secondary btn--lg">
                Join another game
              </Link>
            }
          >
            <p>{room.error?.message ?? 'The host removed you from this game.'}</p>
          </StatusScreen>
        </section>
      );
    case 'error':
      return (
        <StatusScreen
          tone="error"
          title="Something went wrong"
          actions={
            <button type="button" className="btn btn--primary btn--lg" onClick={room.retry}>
              Try again
            </button>
          }
        >
          <p data-testid="player-error">{room.error?.message ?? 'Could not reach the game.'}</p>
        </StatusScreen>
      );
    case 'in':
      break;
  }
  if (!state || !you) return <StatusScreen tone="loading" title="Loading the game…" />;
  const q = state.question;
  switch (state.phase) {
    case 'lobby':
      return <Waiting state={state} you={you} room={room} />;
    case 'question':
      if (q && q.readyInMs !== undefined) {
        return (
          <GetReady
            key={`ready-${q.index}`}
            question={q}
            number={state.questionNumber}
            total={state.questionTotal}
            at={room.at}
            paused={state.paused}
          />
        );
      }
      return q ? (
        <PlayerQuestion
          key={q.index}
          state={state}
          question={q}
          at={room.at}
          locked={lockedAnswer(state, you, room.pending)}
          error={room.answerError}
          onAnswer={(a) => {
            navigator.vibrate?.(15);
            void room.answer(a);
          }}
        />
      ) : null;
    case 'reveal':
      return q && state.reveal ? <PlayerResult you={you} question={q} reveal={state.reveal} /> : null;
    case 'leaderboard':
      return <Standings state={state} you={you} />;
    case 'finished':
      return <Finished state={state} you={you} />;
  }
}

/** The phone for a given room state (pure: the hook's result in). */
export function PlayerScreen({ room, code }: { room: PlayerRoom; code: string }) {
  const { status, state, you } = room;
  const phase = status === 'in' && state ? state.phase : status === 'finished' ? 'finished' : 'none';
  // Phones start muted (thirty phones in one room are noise); the big screen carries the room's sound.
  const sound = useSoundSetting('phone', false);
  useRoomSounds(status === 'in' ? state : null, room.at, { lobby: false });
  return (
    <main
      className={`phone phone--${phase}`}
      data-testid="player-view"
      data-phase={phase}
      data-status={status}
      id="main"
    >
      <header className="phone__bar">
        <Brand href={status === 'in' ? null : '/'} size={24} />
        {status === 'in' && you ? (
          <div className="phone__me">
            <span className="phone__nick">{you.nickname}</span>
            <span className="phone__score" aria-label={`Score ${you.score}`}>
              <CountUp value={you.score} testId="header-score" />
            </span>
            <SoundToggle setting={sound} size="sm" />
          </div>
        ) : (
          <div className="phone__me">
            <span className="phone__code">{code}</span>
            <SoundToggle setting={sound} size="sm" />
          </div>
        )}
      </header>
      <ConnectionStatus state={room.connection} />
      {status === 'in' && state?.paused ? <PausedBanner /> : null}
      <div className="phone__body">
        <Body room={room} code={code} />
      </div>
    </main>
  );
}

/** The phone: join, answer, see how you did. */
export function PlayerView({ code }: { code: string }) {
  const room = usePlayerRoom(code);
  useWakeLock(room.status === 'in' && room.state?.phase !== 'finished');
  return <PlayerScreen room={room} code={code} />;
}
