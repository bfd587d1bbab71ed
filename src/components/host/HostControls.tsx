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

/** The host's control bar; which buttons show depends on the phase. Shortcuts: N, R, S, E. */
export function HostControls({
  state,
  at,
  busy,
  onCommand,
  onEnd,
  onAutoAdvance,
}: {
  state: PublicState;
  at: number;
  busy: boolean;
  onCommand: (c: HostCommand) => void;
  onEnd: () => void;
  onAutoAdvance: (on: boolean) => void;
}) {
  const { phase } = state;
  if (phase === 'finished') return null;
  const last = state.questionNumber >= state.questionTotal;
  const nextLabel =
    phase === 'question'
      ? 'Next'
      : phase === 'reveal'
        ? last
          ? 'Final results'
          : 'Leaderboard'
        : 'Next question';
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
          >
            Show results <Key k="R" />
          </button>
        ) : null}
        {phase !== 'lobby' ? (
          <button
            type="button"
            className={`btn btn--lg ${phase === 'question' ? 'btn--secondary' : 'btn--primary'}`}
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
          >
            Skip <Key k="S" />
          </button>
        ) : null}
        {(phase === 'reveal' || phase === 'leaderboard') && state.autoAdvance ? (
          <AutoAdvanceHint remainingMs={state.phaseRemainingMs} at={at} />
        ) : null}
      </div>
      <div className="controls__side">
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
