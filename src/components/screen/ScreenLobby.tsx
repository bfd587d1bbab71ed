import type { PublicState } from '@/protocol';
import { QrCode } from '@/components/ui/QrCode';
import { TeamLobby } from '@/components/teams/TeamScreen';
import './screen.css';

/** Lobby on the projector: how to join (URL, code, QR) and the names as they arrive. */
export function ScreenLobby({
  state,
  origin,
  note = null,
}: {
  state: PublicState;
  origin: string;
  /** How the address was chosen (localhost replaced, or not reachable), in one line. */
  note?: string | null;
}) {
  const host = origin.replace(/^https?:\/\//, '');
  const joinUrl = origin ? `${origin}/play/${state.code}` : '';
  const more = state.playerCount - state.players.length;
  return (
    <section className="sl" aria-labelledby="sl-title">
      <div className="sl__join">
        <p className="sl__step">
          Join at <strong className="sl__host">{host || '…'}/join</strong>
        </p>
        <p className="sl__step sl__step--code">with code</p>
        <p className="sl__code" data-testid="room-code">
          {state.code}
        </p>
        <div className="sl__qrwrap">
          {joinUrl ? (
            <QrCode value={joinUrl} className="sl__qr" />
          ) : (
            <div className="qr qr--empty sl__qr" data-testid="qr" />
          )}
          <p className="sl__qrhint">or scan to join</p>
        </div>
        {note ? (
          <p className="sl__note" data-testid="join-note">
            {note}
          </p>
        ) : null}
      </div>
      <div className="sl__players">
        <header className="sl__head">
          <h1 id="sl-title" className="sl__title">
            {state.title}
          </h1>
          <p className="sl__count" aria-live="polite">
            <span className="sl__num">{state.playerCount}</span>{' '}
            {state.playerCount === 1 ? 'player' : 'players'}
          </p>
        </header>
        {state.locked ? (
          <p className="sl__locked" data-testid="room-locked">
            The room is locked: no new players
          </p>
        ) : null}
        {state.teams ? (
          <TeamLobby teams={state.teams} players={state.players} />
        ) : state.players.length === 0 ? (
          <p className="sl__waiting">
            Waiting for players
            <span className="dots" aria-hidden="true" />
          </p>
        ) : (
          <ul className="sl__names" aria-label="Players in the lobby">
            {state.players.map((p) => (
              <li key={p.id} className="sl__name" data-testid="lobby-player" data-nickname={p.nickname}>
                {p.nickname}
              </li>
            ))}
            {more > 0 ? <li className="sl__name sl__name--more">+{more} more</li> : null}
          </ul>
        )}
      </div>
    </section>
  );
}
