import { QrCode } from '@/components/ui/QrCode';

/**
 * Room code in large letters, the join URL and its QR code; `note` explains the address when it had to be
 * changed (localhost). During a game the card folds into a strip (`JoinStrip`) and `onHide` folds it back.
 */
export function JoinCard({
  code,
  joinUrl,
  note,
  onHide,
}: {
  code: string;
  joinUrl: string;
  note?: string | null;
  onHide?: () => void;
}) {
  return (
    <section className="join-card" aria-labelledby="join-card-title" data-testid="join-card">
      <h2 id="join-card-title" className="join-card__label">
        Room code
      </h2>
      <p className="join-card__code" data-testid="room-code">
        {code}
      </p>
      <QrCode value={joinUrl} className="join-card__qr" />
      <p className="join-card__url">
        <span className="muted">Join at </span>
        <a href={joinUrl} data-testid="join-url" target="_blank" rel="noopener noreferrer">
          {joinUrl}
        </a>
      </p>
      {note ? (
        <p className="join-note" data-testid="join-note">
          {note}
        </p>
      ) : null}
      {onHide ? (
        <button
          type="button"
          className="btn btn--secondary btn--sm"
          onClick={onHide}
          aria-expanded="true"
          data-testid="hide-join"
        >
          Hide join code
        </button>
      ) : null}
    </section>
  );
}

/** The folded join card once the game runs: the code stays readable for latecomers, the QR one click away. */
export function JoinStrip({ code, onShow }: { code: string; onShow: () => void }) {
  return (
    <section className="join-strip" aria-label="Join code">
      <span className="join-strip__label">Room</span>
      <span className="join-strip__code">{code}</span>
      <button
        type="button"
        className="btn btn--secondary btn--sm"
        onClick={onShow}
        aria-expanded="false"
        data-testid="show-join"
      >
        Show join code
      </button>
    </section>
  );
}
