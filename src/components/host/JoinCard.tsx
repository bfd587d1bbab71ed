import { QrCode } from '@/components/ui/QrCode';

/** Room code in large letters, the join URL and its QR code. */
export function JoinCard({ code, joinUrl }: { code: string; joinUrl: string }) {
  return (
    <section className="join-card" aria-labelledby="join-card-title">
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
    </section>
  );
}
