import type { ReactNode } from 'react';
import type { PublicState } from '@/protocol';
import type { HostCommand } from '@/client/useHostRoom';
import { AutoAdvanceHint } from '@/components/ui/Countdown';

function Key({ k }: { k: string }) {
  return (
    <kbd className="kbd" aria-hidden="true">
      {k}
    </kbd>
  );
}

/**
 * The host's control bar; which buttons show depends on the phase, and each says what it does: during a
 * question "Show results" (closes it and shows the answer, R), "Next" (closes it and goes on to the
 * leaderboard, N), "+10 s" and "Skip" (voids it, S); at the reveal and the leaderboard "Next" (N) names where it
 * goes. P pauses and resumes, E ends the game; the door lock is on the side. `extra` holds the console's own
 * switches (hide the answer).
 */
export function HostControls({
  state,
  at,
  busy,
  onCommand,
  onEnd,
  onAutoAdvance,
  extra,
  onNextPastReveal,
  onAddTime,
  onLock,
}: {
  state: PublicState;
  at: number;
  busy: boolean;
  onCommand: (c: HostCommand) => void;
  onEnd: () => void;
  onAutoAdvance: (on: boolean) => void;
  extra?: ReactNode;
  onNextPastReveal?: () => void;
  onAddTime?: (seconds: number) => void;
  onLock?: (locked: boolean) => void;
}) {
  const { phase } = state;
  if (phase === 'finished') return null;
  const last = state.questionNumber >= state.questionTotal;
  const nextLabel =
    phase === 'reveal' ? (last ? 'Next: final results' : 'Next: leaderboard') : 'Next question';
  return (
    <div className="controls" role="toolbar" aria-label="Game controls">
      <div className="controls__main">
        {phase === 'lobby' ? (
          <button
            type="button"
            className="btn btn--primary btn--lg"
            data-testid="host-start"
            disabled={busy}
            onClick={() => onCommand('host:start')}
            aria-keyshortcuts="N"
          >
            Start game <Key k="N" />
          </button>
        ) : null}
        {phase === 'question' ? (
          <button
            type="button"
            className="btn btn--primary btn--lg"
            data-testid="host-reveal"
            disabled={busy}
            onClick={() => onCommand('host:reveal')}
            aria-keyshortcuts="R"
            title="Close the question now and show everyone the answer"
          >
            Show results now <Key k="R" />
          </button>
        ) : null}
        {phase === 'question' && onNextPastReveal ? (
          <button
            type="button"
            className="btn btn--secondary btn--lg"
            data-testid="host-next-question"
            disabled={busy}
            onClick={onNextPastReveal}
            aria-keyshortcuts="N"
            title={
              last
                ? 'Close the question and go straight to the final results (everyone still sees their own result)'
                : 'Close the question and go straight on to the leaderboard (everyone still sees their own result)'
            }
          >
            Next <span aria-hidden="true">▸</span> <Key k="N" />
          </button>
        ) : null}
        {phase === 'reveal' || phase === 'leaderboard' ? (
          <button
            type="button"
            className="btn btn--lg btn--primary"
            data-testid="host-next"
            disabled={busy}
            onClick={() => onCommand('host:next')}
            aria-keyshortcuts="N"
          >
            {nextLabel} <span aria-hidden="true">▸</span> <Key k="N" />
          </button>
        ) : null}
        {phase === 'question' ? (
          <button
            type="button"
            className="btn btn--secondary btn--lg"
            data-testid="host-skip"
            disabled={busy}
            onClick={() => onCommand('host:skip')}
            aria-keyshortcuts="S"
            title="Void this question (no points, no answer shown) and open the next one"
          >
            Skip question <Key k="S" />
          </button>
        ) : null}
        {phase === 'question' && onAddTime && !state.paused ? (
          <button
            type="button"
            className="btn btn--secondary"
            data-testid="host-add-time"
            disabled={busy}
            onClick={() => onAddTime(10)}
            aria-keyshortcuts="+"
            title="Give everyone 10 more seconds"
          >
            +10 s <Key k="+" />
          </button>
        ) : null}
        {phase !== 'lobby' ? (
          <button
            type="button"
            className={`btn ${state.paused ? 'btn--primary' : 'btn--secondary'}`}
            data-testid={state.paused ? 'host-resume' : 'host-pause'}
            disabled={busy}
            onClick={() => onCommand(state.paused ? 'host:resume' : 'host:pause')}
            aria-keyshortcuts="P"
            title={state.paused ? 'Start the clock again' : 'Stop the clock: nobody can answer until you resume'}
          >
            {state.paused ? 'Resume' : 'Pause'} <Key k="P" />
          </button>
        ) : null}
        {(phase === 'reveal' || phase === 'leaderboard') && state.autoAdvance ? (
          <AutoAdvanceHint remainingMs={state.phaseRemainingMs} at={at} />
        ) : null}
      </div>
      <div className="controls__side">
        {extra}
        {onLock ? (
          <label className="mini-toggle">
            <input
              type="checkbox"
              role="switch"
              data-testid="host-lock"
              checked={state.locked === true}
              onChange={(e) => onLock(e.target.checked)}
            />
            <span>Lock room</span>
          </label>
        ) : null}
        <label className="mini-toggle">
          <input
            type="checkbox"
            role="switch"
            data-testid="host-auto-advance"
            checked={state.autoAdvance}
            onChange={(e) => onAutoAdvance(e.target.checked)}
          />
          <span>Auto-advance</span>
        </label>
        <button
          type="button"
          className="btn btn--ghost-danger"
          data-testid="host-end"
          disabled={busy}
          onClick={onEnd}
          aria-keyshortcuts="E"
        >
          End early <Key k="E" />
        </button>
      </div>
    </div>
  );
}
