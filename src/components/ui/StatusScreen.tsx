import type { ReactNode } from 'react';

type Tone = 'info' | 'error' | 'warn' | 'ok' | 'loading';

const ICONS: Record<Exclude<Tone, 'loading'>, string> = { info: 'i', error: '!', warn: '!', ok: '✓' };

/** A centred full-page message: loading, "room not found", "removed by the host"… with actions below. */
export function StatusScreen({
  tone = 'info',
  title,
  children,
  actions,
  testId,
}: {
  tone?: Tone;
  title: string;
  children?: ReactNode;
  actions?: ReactNode;
  testId?: string;
}) {
  return (
    <section className={`status-screen status-screen--${tone}`} data-testid={testId} aria-live="polite">
      {tone === 'loading' ? (
        <span className="spinner spinner--lg" aria-hidden="true" />
      ) : (
        <span className="status-screen__icon" aria-hidden="true">
          {ICONS[tone]}
        </span>
      )}
      <h1 className="status-screen__title">{title}</h1>
      {children ? <div className="status-screen__body">{children}</div> : null}
      {actions ? <div className="status-screen__actions">{actions}</div> : null}
    </section>
  );
}

export function Spinner({ label = 'Loading' }: { label?: string }) {
  return <span className="spinner" role="status" aria-label={label} />;
}
