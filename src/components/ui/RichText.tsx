import type { ReactNode } from 'react';
import './RichText.css';

/**
 * Deck text the server rendered from Markdown (src/server/markdown): sanitised HTML, so it is set as is.
 * Without HTML (a plain card, or an older server) the fallback shows the plain text. This component ships
 * no parser and no highlighter: its cost on the phone is these few lines and a small CSS file.
 */
export function RichText({
  html,
  children,
  block = false,
  className = '',
  testId,
}: {
  /** Sanitised HTML from the server, when the text has markup. */
  html: string | null | undefined;
  /** What to show without HTML: the plain text (or a plain-text component). */
  children: ReactNode;
  /** Block content (paragraphs, lists, code blocks) rather than one line of text. */
  block?: boolean;
  className?: string;
  testId?: string;
}) {
  if (!html) return <>{children}</>;
  const cls = `rich ${block ? 'rich--block' : 'rich--inline'} ${className}`.trim();
  return block ? (
    <div className={cls} data-testid={testId} dangerouslySetInnerHTML={{ __html: html }} />
  ) : (
    <span className={cls} data-testid={testId} dangerouslySetInnerHTML={{ __html: html }} />
  );
}

/** The code blocks under a question (`bodyHtml`), or nothing. */
export function QuestionCode({ html, className = '' }: { html: string | null | undefined; className?: string }) {
  if (!html) return null;
  return (
    <div
      className={`rich rich--block rich--code ${className}`.trim()}
      data-testid="question-code"
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}
