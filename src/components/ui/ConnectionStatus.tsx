import type { ConnectionState } from '@/client/socket';

/**
 * The connection indicator every live view shows: a quiet "Live" dot when connected, a banner while
 * (re)connecting. Always rendered (data-status tells tests and styles which).
 */
export function ConnectionStatus({
  state,
  variant = 'bar',
}: {
  state: ConnectionState;
  variant?: 'bar' | 'pill';
}) {
  const text =
    state === 'connected'
      ? 'Live'
      : state === 'reconnecting'
        ? 'Connection lost - reconnecting…'
        : 'Connecting…';
  return (
    <div
      className={`conn conn--${state} conn--${variant}`}
      data-testid="connection-status"
      data-status={state}
      role="status"
      aria-live="polite"
    >
      <span className="conn__dot" aria-hidden="true" />
      <span className="conn__text">{text}</span>
    </div>
  );
}
