'use client';

import Link from 'next/link';
import { useCallback, useEffect, useId, useState } from 'react';
import { listDecks, type DeckSummary } from '@/client/api';
import { deckTokenFor } from '@/client/decks-api';
import { Spinner } from '@/components/ui/StatusScreen';
import { AddDeck } from './AddDeck';
import './decks.css';

type Load =
  { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; decks: DeckSummary[] };

/** The deck list (open, host, best scores) and the paste / upload / preview / import panel. */
export function DeckLibrary() {
  const id = useId();
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [mine, setMine] = useState<ReadonlySet<string>>(new Set());

  const refresh = useCallback(async () => {
    const res = await listDecks();
    if (res.ok) {
      setLoad({ kind: 'ready', decks: res.data.decks });
      setMine(new Set(res.data.decks.filter((d) => deckTokenFor(d.id) !== null).map((d) => d.id)));
    } else {
      setLoad({ kind: 'error', message: res.message });
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

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
          <p className="muted">No decks yet. Add one with the form.</p>
        ) : (
          <ul className="deck-list">
            {load.decks.map((d) => (
              <li key={d.id} className="deck" data-testid="deck-row" data-deck-id={d.id}>
                <div className="deck__main">
                  <h3 className="deck__title">
                    <Link href={`/decks/${encodeURIComponent(d.id)}`} className="deck__link">
                      {d.title}
                    </Link>
                  </h3>
                  {d.description ? <p className="deck__desc">{d.description}</p> : null}
                  <p className="deck__meta">
                    <span className="chip chip--sm">{d.cardCount} cards</span>
                    <span className={`chip chip--sm ${d.source === 'builtin' ? 'chip--accent' : ''}`}>
                      {d.source === 'builtin' ? 'Built-in' : mine.has(d.id) ? 'Yours' : 'Imported'}
                    </span>
                    <code className="deck__id">{d.id}</code>
                  </p>
                </div>
                <div className="deck__actions">
                  <Link className="btn btn--secondary btn--sm" href={`/decks/${encodeURIComponent(d.id)}`} data-testid="deck-open">
                    Cards
                  </Link>
                  <Link className="btn btn--secondary btn--sm" href={`/boards/${encodeURIComponent(d.id)}`}>
                    Best scores
                  </Link>
                  <Link className="btn btn--secondary btn--sm" href={`/?deck=${encodeURIComponent(d.id)}`}>
                    Host <span aria-hidden="true">▸</span>
                  </Link>
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
      <AddDeck onImported={() => void refresh()} />
    </div>
  );
}
