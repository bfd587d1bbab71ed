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
 * question "Show results now" (closes it, R or N) and "Skip" (voids it, S); at the reveal and the leaderboard
 * "Next" (N) names where it goes. E ends the game. `extra` holds the console's own switches (hide the answer).
 */
export function HostControls({
  state,
  at,
  busy,
  onCommand,
  onEnd,
  onAutoAdvance,
  extra,
}: {
  state: PublicState;
  at: number;
  busy: boolean;
  onCommand: (c: HostCommand) => void;
  onEnd: () => void;
  onAutoAdvance: (on: boolean) => void;
  extra?: ReactNode;
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
            aria-keyshortcuts="R N"
            title="Close the question now and show everyone the answer"
          >
            Show results now <Key k="R" />
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
        {(phase === 'reveal' || phase === 'leaderboard') && state.autoAdvance ? (
          <AutoAdvanceHint remainingMs={state.phaseRemainingMs} at={at} />
        ) : null}
      </div>
      <div className="controls__side">
        {extra}
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
