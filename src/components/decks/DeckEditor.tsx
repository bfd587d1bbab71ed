'use client';

import { useRef, useState } from 'react';
import { deckApi, type DeckPage } from '@/client/decks-api';
import { parseDeck } from '@/decks/parse';
import { serializeDeck, serializeDeckWithLines } from '@/decks/serialize';
import type { Deck, DeckIssue } from '@/decks/types';
import { deckOf, DeckForm, draftOf, type DeckDraft } from './DeckForm';
import { IssueList } from './IssueList';

type Mode = 'markdown' | 'form';

function deckOfPage(page: DeckPage): Deck {
  return {
    id: page.id,
    title: page.title,
    ...(page.description !== null && { description: page.description }),
    cards: page.cards.map((c) => c.card),
  };
}

/**
 * The owner's editor: the deck as Markdown or as a form, saved with the edit token. Both go through the
 * parser on the server; the form's deck is written out first, so every problem has a line, shown at its card.
 */
export function DeckEditor({
  page,
  token,
  onSaved,
  onCancel,
}: {
  page: DeckPage;
  token: string;
  onSaved: (notes: string[]) => void;
  onCancel: () => void;
}) {
  const [mode, setMode] = useState<Mode>('form');
  // Learned examples stay examples: the editor shows the deck's own fields only.
  const [text, setText] = useState(() => serializeDeck(deckOfPage(page)));
  const [draft, setDraft] = useState<DeckDraft>(() => draftOf(deckOfPage(page)));
  const [issues, setIssues] = useState<DeckIssue[]>([]);
  const [cardLines, setCardLines] = useState<number[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const area = useRef<HTMLTextAreaElement>(null);

  function switchTo(next: Mode) {
    if (next === mode) return;
    setError(null);
    if (next === 'form') {
      const parsed = parseDeck(text, { fileName: `${page.id}.md` });
      if (!parsed.ok) {
        setIssues(parsed.errors);
        setCardLines([]);
        setError('Fix the Markdown first: the form can only show a deck that parses.');
        return;
      }
      setDraft(draftOf(parsed.deck));
    } else {
      setText(serializeDeck(deckOf(draft, page.id)));
    }
    setIssues([]);
    setMode(next);
  }

  async function save() {
    setBusy(true);
    setError(null);
    let body = text;
    let lines: number[] = [];
    if (mode === 'form') {
      const out = serializeDeckWithLines(deckOf(draft, page.id));
      body = out.text;
      lines = out.cardLines;
    }
    const res = await deckApi.update(page.id, token, body);
    setBusy(false);
    if (res.ok) {
      setIssues([]);
      onSaved(res.data.warnings);
      return;
    }
    setIssues(res.issues);
    setCardLines(lines);
    setError(res.issues.length > 0 ? null : res.message);
  }

  /** The card a line of the written-out form belongs to (-1: the deck's header). */
  const cardAt = (line: number): number => {
    let found = -1;
    cardLines.forEach((start, i) => {
      if (line >= start) found = i;
    });
    return found;
  };

  function goToLine(line: number) {
    const el = area.current;
    if (!el) return;
    const all = el.value.split('\n');
    const start = all.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0);
    el.focus();
    el.setSelectionRange(start, start + (all[line - 1]?.length ?? 0));
  }

  return (
    <section className="panel deck-editor" aria-label="Edit the deck" data-testid="deck-editor">
      <div className="deck-editor__bar">
        <div className="tabs" role="tablist" aria-label="Edit as">
          {(['form', 'markdown'] as const).map((m) => (
            <button
              key={m}
              type="button"
              role="tab"
              aria-selected={mode === m}
              className={`tab ${mode === m ? 'tab--on' : ''}`}
              onClick={() => switchTo(m)}
              data-testid={`editor-${m}`}
            >
              {m === 'form' ? 'Form' : 'Markdown'}
            </button>
          ))}
        </div>
        <div className="deck-editor__actions">
          <button type="button" className="btn btn--secondary" onClick={onCancel}>
            Cancel
          </button>
          <button type="button" className="btn btn--primary" disabled={busy} onClick={() => void save()} data-testid="editor-save">
            {busy ? 'Saving…' : 'Save'}
          </button>
        </div>
      </div>
      <div aria-live="polite">
        {error ? (
          <p className="form-error" role="alert" data-testid="editor-error">
            {error}
          </p>
        ) : null}
        {issues.length > 0 ? (
          <div className="import__error" role="alert">
            <p className="form-error__title">Not saved: {issues.length === 1 ? '1 problem' : `${issues.length} problems`}</p>
            <IssueList
              issues={issues}
              fileName={`${page.id}.md`}
              onLine={mode === 'markdown' ? goToLine : undefined}
              describe={mode === 'form' && cardLines.length > 0 ? (l) => (cardAt(l) < 0 ? 'deck' : `card ${cardAt(l) + 1}`) : undefined}
            />
          </div>
        ) : null}
      </div>
      {mode === 'markdown' ? (
        <textarea
          ref={area}
          className="input deck-text deck-text--tall"
          value={text}
          onChange={(e) => setText(e.target.value)}
          spellCheck={false}
          aria-label="Deck Markdown"
          data-testid="editor-text"
        />
      ) : (
        <DeckForm
          draft={draft}
          onChange={setDraft}
          problemsOf={(i) =>
            cardLines.length === 0 ? [] : issues.filter((x) => cardAt(x.line) === i).map((x) => `line ${x.line}: ${x.message}`)
          }
        />
      )}
    </section>
  );
}
