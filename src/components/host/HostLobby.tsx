import type { PublicState } from '@/protocol';

const MODE_LABEL = { choice: 'Multiple choice', text: 'Open text', mixed: 'Mixed' } as const;

/** Before the start: who is here, what's about to be played, what to do next. */
export function HostLobby({ state }: { state: PublicState }) {
  const n = state.playerCount;
  return (
    <section className="stage stage--lobby" aria-labelledby="host-lobby">
      <p className="eyebrow">Lobby · {state.title}</p>
      <h1 id="host-lobby" className="stage__title">
        {n === 0 ? 'Waiting for players…' : `${n} ${n === 1 ? 'player has' : 'players have'} joined`}
      </h1>
      <p className="stage__lead">
        Put the big screen on the projector so everyone can scan the QR code, then press{' '}
        <strong>Start game</strong>.
      </p>
      <ul className="chips" aria-label="Game settings">
        <li className="chip">{state.questionTotal} questions</li>
        <li className="chip">{MODE_LABEL[state.mode]}</li>
        <li className="chip">{state.points ? 'Points on' : 'No points'}</li>
        <li className="chip">{state.autoAdvance ? 'Auto-advance' : 'Manual pacing'}</li>
      </ul>
      <div className="lobby-waves" aria-hidden="true">
        {state.players.slice(0, 24).map((p) => (
          <span key={p.id} className="lobby-bubble">
            {p.nickname}
          </span>
        ))}
      </div>
      <div className="tips">
        <h2 className="tips__title">Keyboard</h2>
        <p className="tips__text">
          <kbd className="kbd">N</kbd> start, then next · <kbd className="kbd">R</kbd> show results now ·{' '}
          <kbd className="kbd">S</kbd> skip question · <kbd className="kbd">P</kbd> pause ·{' '}
          <kbd className="kbd">+</kbd> 10 more seconds · <kbd className="kbd">E</kbd> end
        </p>
      </div>
    </section>
  );
}
