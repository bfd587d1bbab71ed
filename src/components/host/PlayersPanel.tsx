import type { HostState } from '@/protocol';

type HostPlayer = HostState['players'][number];

/** Everyone in the room with connection dot, answered tick (while a question is open), score and remove. */
export function PlayersPanel({
  players,
  phase,
  onKick,
  kicking,
}: {
  players: HostPlayer[];
  phase: HostState['public']['phase'];
  onKick: (p: HostPlayer) => void;
  kicking: string | null;
}) {
  const open = phase === 'question';
  const started = phase !== 'lobby';
  const answered = players.filter((p) => p.answered).length;
  const online = players.filter((p) => p.connected).length;
  return (
    <section className="players" aria-labelledby="players-title">
      <header className="players__head">
        <h2 id="players-title" className="players__title">
          Players <span className="count-badge">{players.length}</span>
        </h2>
        <span className="players__meta muted">{open ? `${answered} answered` : `${online} online`}</span>
      </header>
      {players.length === 0 ? (
        <p className="players__empty muted">Nobody has joined yet. Share the code or the QR code.</p>
      ) : (
        <ul className="players__list">
          {players.map((p) => (
            <li
              key={p.id}
              className={`player-row ${p.connected ? '' : 'player-row--away'} ${open && p.answered ? 'player-row--answered' : ''}`}
              data-testid="lobby-player"
              data-nickname={p.nickname}
              data-answered={open ? String(p.answered) : undefined}
              data-connected={String(p.connected)}
            >
              <span
                className={`dot ${p.connected ? 'dot--on' : 'dot--off'}`}
                title={p.connected ? 'Connected' : 'Disconnected'}
              >
                <span className="sr-only">{p.connected ? 'connected' : 'disconnected'}</span>
              </span>
              <span className="player-row__name">{p.nickname}</span>
              {open ? (
                <span
                  className={`tick ${p.answered ? 'tick--yes' : 'tick--no'}`}
                  title={p.answered ? 'Answered' : 'Not answered yet'}
                >
                  <span aria-hidden="true">{p.answered ? '✓' : '…'}</span>
                  <span className="sr-only">{p.answered ? 'answered' : 'not answered yet'}</span>
                </span>
              ) : started ? (
                <span className="player-row__score">{p.score.toLocaleString('en-US')}</span>
              ) : null}
              {phase === 'finished' ? null : (
                <button
                  type="button"
                  className="icon-btn icon-btn--danger"
                  data-testid="kick"
                  onClick={() => onKick(p)}
                  disabled={kicking === p.id}
                  aria-label={`Remove ${p.nickname}`}
                  title={`Remove ${p.nickname}`}
                >
                  <span aria-hidden="true">✕</span>
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
