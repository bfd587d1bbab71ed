'use client';

import type { DeckIssue } from '@/decks/types';

/** Deck problems as `file:line: message`, each line a button that selects that line in the editor. */
export function IssueList({
  issues,
  fileName,
  onLine,
  describe,
}: {
  issues: readonly DeckIssue[];
  fileName: string;
  onLine?: (line: number) => void;
  /** Extra words for a line (the form says which card it is in). */
  describe?: (line: number) => string | null;
}) {
  return (
    <ul className="issues" data-testid="deck-issues">
      {issues.map((issue, i) => {
        const where = describe?.(issue.line);
        return (
          <li key={i} className="issues__item" data-testid="deck-issue" data-line={issue.line}>
            {onLine ? (
              <button type="button" className="link-button issues__line" onClick={() => onLine(issue.line)}>
                {fileName}:{issue.line}
              </button>
            ) : (
              <span className="issues__line">
                {fileName}:{issue.line}
              </span>
            )}
            {where ? <span className="issues__where"> ({where})</span> : null}: {issue.message}
          </li>
        );
      })}
    </ul>
  );
}
