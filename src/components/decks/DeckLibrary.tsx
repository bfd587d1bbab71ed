'use client';

import Link from 'next/link';
import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { importDeck, listDecks, type DeckSummary, type ImportedDeck } from '@/client/api';
import { Spinner } from '@/components/ui/StatusScreen';

type Load =
  { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; decks: DeckSummary[] };
type Outcome = { kind: 'ok'; deck: ImportedDeck } | { kind: 'error'; message: string } | null;

const MAX_BYTES = 1_000_000;

/** The deck list and the Markdown import (file read in the browser, POSTed as JSON). */
export function DeckLibrary() {
  const id = useId();
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [file, setFile] = useState<File | null>(null);
  const [deckId, setDeckId] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const refresh = useCallback(async () => {
    const res = await listDecks();
    setLoad(res.ok ? { kind: 'ready', decks: res.data.decks } : { kind: 'error', message: res.message });
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setOutcome(null);
    if (!file) {
      setOutcome({ kind: 'error', message: 'Choose a Markdown file (.md) first.' });
      return;
    }
    if (file.size > MAX_BYTES) {
      setOutcome({
        kind: 'error',
        message: `That file is ${Math.round(file.size / 1024)} KB; decks are at most 1 MB.`,
      });
      return;
    }
    const wantedId = deckId.trim();
    if (wantedId && !/^[a-z0-9][a-z0-9-]{0,62}$/.test(wantedId)) {
      setOutcome({
        kind: 'error',
        message: 'Deck id: lowercase letters, digits and dashes (e.g. my-deck), or leave it empty.',
      });
      return;
    }
    setBusy(true);
    let text: string;
    try {
      text = await file.text();
    } catch {
      setBusy(false);
      setOutcome({ kind: 'error', message: 'Could not read that file.' });
      return;
    }
    const res = await importDeck(file.name, text, wantedId || undefined);
    setBusy(false);
    if (res.ok) {
      setOutcome({ kind: 'ok', deck: res.data });
      setFile(null);
      setDeckId('');
      if (fileInput.current) fileInput.current.value = '';
      void refresh();
    } else {
      setOutcome({ kind: 'error', message: res.message });
    }
  }

  return (
    <div className="decks">
      <section className="panel" aria-labelledby={`${id}-list`}>
        <h2 id={`${id}-list`} className="panel__title">
          Decks
        </h2>
        {load.kind === 'loading' ? (
          <p className="muted">
            <Spinner label="Loading decks" /> Loading decks…
          </p>
        ) : load.kind === 'error' ? (
          <div className="form-error" role="alert">
            {load.message}{' '}
            <button type="button" className="link-button" onClick={() => void refresh()}>
              Retry
            </button>
          </div>
        ) : load.decks.length === 0 ? (
          <p className="muted">No decks yet. Import one with the form.</p>
        ) : (
          <ul className="deck-list">
            {load.decks.map((d) => (
              <li key={d.id} className="deck" data-testid="deck-row" data-deck-id={d.id}>
                <div className="deck__main">
                  <h3 className="deck__title">{d.title}</h3>
                  {d.description ? <p className="deck__desc">{d.description}</p> : null}
                  <p className="deck__meta">
                    <span className="chip chip--sm">{d.cardCount} cards</span>
                    <span className={`chip chip--sm ${d.source === 'builtin' ? 'chip--accent' : ''}`}>
                      {d.source === 'builtin' ? 'Built-in' : 'Imported'}
                    </span>
                    <code className="deck__id">{d.id}</code>
                  </p>
                </div>
                <Link className="btn btn--secondary btn--sm" href={`/boards/${encodeURIComponent(d.id)}`}>
                  Best scores
                </Link>
                <Link className="btn btn--secondary btn--sm" href={`/?deck=${encodeURIComponent(d.id)}`}>
                  Host <span aria-hidden="true">▸</span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="panel" aria-labelledby={`${id}-import`}>
        <h2 id={`${id}-import`} className="panel__title">
          Import a Markdown deck
        </h2>
        <p className="panel__text">
          One <code>### question</code> per card, the answer in <code>&gt;</code> lines below it. Choices,
          accepted answers and key ideas are optional (see <code>docs/DECKS.md</code>). Importing a deck with
          an existing id replaces it.
        </p>
        <form className="import" onSubmit={submit} noValidate>
          <div className="field">
            <label className="field__label" htmlFor={`${id}-file`}>
              Deck file
            </label>
            <input
              ref={fileInput}
              id={`${id}-file`}
              className="input input--file"
              type="file"
              accept=".md,.markdown,.txt,text/markdown,text/plain"
              data-testid="deck-file"
              onChange={(e) => {
                setFile(e.target.files?.[0] ?? null);
                setOutcome(null);
              }}
            />
          </div>
          <div className="field">
            <label className="field__label" htmlFor={`${id}-id`}>
              Deck id <span className="field__aside">optional</span>
            </label>
            <input
              id={`${id}-id`}
              className="input"
              value={deckId}
              onChange={(e) => setDeckId(e.target.value)}
              placeholder="from the file's id: line or title"
              autoComplete="off"
              spellCheck={false}
              data-testid="deck-id"
            />
          </div>
          <button
            type="submit"
            className="btn btn--primary btn--lg"
            data-testid="deck-import"
            disabled={busy}
          >
            {busy ? 'Importing…' : 'Import deck'}
          </button>
        </form>
        <div className="import__outcome" aria-live="polite">
          {outcome?.kind === 'ok' ? (
            <div className="success" data-testid="import-result" role="status">
              <p>
                <strong>Imported “{outcome.deck.title}”</strong> · {outcome.deck.cards} cards · id{' '}
                <code>{outcome.deck.id}</code>
              </p>
              {outcome.deck.warnings.length > 0 ? (
                <>
                  <p className="muted">Warnings:</p>
                  <pre className="pre pre--warn">{outcome.deck.warnings.join('\n')}</pre>
                </>
              ) : null}
              <Link
                className="btn btn--primary btn--sm"
                href={`/?deck=${encodeURIComponent(outcome.deck.id)}`}
              >
                Host this deck <span aria-hidden="true">▸</span>
              </Link>
            </div>
          ) : null}
          {outcome?.kind === 'error' ? (
            <div className="import__error" role="alert">
              <p className="form-error__title">The deck was not imported:</p>
              <pre className="pre pre--error" data-testid="import-error">
                {outcome.message}
              </pre>
            </div>
          ) : null}
        </div>
      </section>
    </div>
  );
}
