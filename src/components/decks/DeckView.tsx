'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useState } from 'react';
import { deckApi, deckTokenFor, forgetDeckToken, saveDeckToken, type DeckPage, type ExampleView, type ImportOutcome } from '@/client/decks-api';
import { EditLink } from './AddDeck';
import { CardPreview } from './CardPreview';
import { DeckEditor } from './DeckEditor';
import './decks.css';

type Owner = { kind: 'checking' } | { kind: 'none' } | { kind: 'owner'; token: string } | { kind: 'refused'; message: string };

/** Reads `#edit=<token>` from the address (the edit link), keeps it in this browser and drops it from the bar. */
function takeTokenFromLink(deckId: string): void {
  const m = /(?:^#|&)edit=([\w-]{16,128})/.exec(window.location.hash);
  if (!m?.[1]) return;
  saveDeckToken(deckId, m[1]);
  window.history.replaceState(null, '', window.location.pathname + window.location.search);
}

/** A deck's page: every card as players see it, try an answer, and the owner's edit / delete. */
export function DeckView({ initial }: { initial: DeckPage }) {
  const router = useRouter();
  const [page, setPage] = useState(initial);
  const [owner, setOwner] = useState<Owner>({ kind: 'checking' });
  const [editing, setEditing] = useState(false);
  const [notes, setNotes] = useState<string[]>([]);
  const [clone, setClone] = useState<ImportOutcome | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);

  useEffect(() => {
    let live = true;
    const check = () => {
      takeTokenFromLink(initial.id);
      const token = deckTokenFor(initial.id);
      if (!token || initial.readOnly) {
        setOwner({ kind: 'none' });
        return;
      }
      void deckApi.owner(initial.id, token).then((res) => {
        if (!live) return;
        if (res.ok) setOwner({ kind: 'owner', token });
        else if (res.status === 403) {
          forgetDeckToken(initial.id);
          setOwner({ kind: 'refused', message: res.message });
        } else setOwner({ kind: 'none' });
      });
    };
    check();
    // An edit link pasted into the address bar of the open page changes only the fragment.
    window.addEventListener('hashchange', check);
    return () => {
      live = false;
      window.removeEventListener('hashchange', check);
    };
  }, [initial.id, initial.readOnly]);

  const reload = useCallback(async () => {
    const res = await deckApi.page(page.id);
    if (res.ok) setPage(res.data);
  }, [page.id]);

  async function doClone() {
    setError(null);
    const res = await deckApi.clone(page.id);
    if (!res.ok) {
      setError(res.message);
      return;
    }
    if (res.data.editToken) saveDeckToken(res.data.id, res.data.editToken);
    setClone(res.data);
  }

  async function doDelete(token: string) {
    const res = await deckApi.remove(page.id, token);
    if (!res.ok) {
      setError(res.message);
      return;
    }
    forgetDeckToken(page.id);
    router.push('/decks');
  }

  async function removeExample(token: string, e: ExampleView) {
    const res = await deckApi.removeExample(page.id, token, e.id);
    if (res.ok) await reload();
    else setError(res.message);
  }

  const token = owner.kind === 'owner' ? owner.token : null;

  return (
    <div className="deck-view" data-testid="deck-view" data-owner={owner.kind}>
      <header className="deck-view__head">
        <div className="deck-view__title">
          <p className="eyebrow">
            {page.source === 'builtin' ? 'Built-in deck' : 'Deck'} · <code>{page.id}</code> · {page.cards.length} cards
          </p>
          <h1 className="page-title" data-testid="deck-title">
            {page.title}
          </h1>
          {page.description ? <p className="page-lead">{page.description}</p> : null}
        </div>
        <div className="deck-view__actions">
          <Link className="btn btn--primary" href={`/?deck=${encodeURIComponent(page.id)}`}>
            Host this deck <span aria-hidden="true">▸</span>
          </Link>
          <Link className="btn btn--secondary" href={`/assignments/new?deck=${encodeURIComponent(page.id)}`} data-testid="deck-assign">
            Assign as self-paced
          </Link>
          <a className="btn btn--secondary" href={`/api/decks/${encodeURIComponent(page.id)}/export`} data-testid="deck-export">
            Export .md
          </a>
          <button type="button" className="btn btn--secondary" onClick={() => void doClone()} data-testid="deck-clone">
            Clone
          </button>
          {token ? (
            <>
              <button type="button" className="btn btn--secondary" onClick={() => setEditing((x) => !x)} data-testid="deck-edit">
                {editing ? 'Close editor' : 'Edit'}
              </button>
              <button type="button" className="btn btn--ghost-danger" onClick={() => setConfirmDelete(true)} data-testid="deck-delete">
                Delete
              </button>
            </>
          ) : null}
        </div>
      </header>

      <div aria-live="polite">
        {owner.kind === 'none' ? (
          <p className="notice" data-testid="read-only">
            {page.source === 'builtin'
              ? 'Built-in decks are read-only: clone this deck to edit your own copy.'
              : page.readOnly
                ? 'This deck has no edit link: clone it to edit your own copy.'
                : 'Only the holder of this deck’s edit link can change it. Clone it to edit your own copy.'}
          </p>
        ) : null}
        {owner.kind === 'refused' ? (
          <p className="form-error" role="alert" data-testid="not-owner">
            {owner.message}
          </p>
        ) : null}
        {error ? (
          <p className="form-error" role="alert" data-testid="deck-error">
            {error}
          </p>
        ) : null}
        {notes.length > 0 ? <pre className="pre pre--warn">{notes.join('\n')}</pre> : null}
        {clone ? (
          <div className="success" role="status" data-testid="clone-result">
            <p>
              <strong>{clone.notice}</strong>
            </p>
            <EditLink outcome={clone} />
            <Link className="btn btn--primary btn--sm" href={`/decks/${encodeURIComponent(clone.id)}`} data-testid="open-clone">
              Open the copy
            </Link>
          </div>
        ) : null}
        {confirmDelete && token ? (
          <div className="confirm" role="alertdialog" aria-label="Delete this deck?">
            <p>
              Delete “{page.title}”? It disappears from the deck list; games already played keep their results.
            </p>
            <div className="add-deck__row">
              <button type="button" className="btn btn--bad" onClick={() => void doDelete(token)} data-testid="deck-delete-confirm">
                Delete the deck
              </button>
              <button type="button" className="btn btn--secondary" onClick={() => setConfirmDelete(false)}>
                Keep it
              </button>
            </div>
          </div>
        ) : null}
      </div>

      {editing && token ? (
        <DeckEditor
          key={page.updatedAt}
          page={page}
          token={token}
          onCancel={() => setEditing(false)}
          onSaved={(w) => {
            setNotes(w);
            setEditing(false);
            void reload();
            router.refresh();
          }}
        />
      ) : null}

      <div className="deck-view__cards">
        {page.cards.map((c) => (
          <CardPreview
            key={c.id}
            deckId={page.id}
            preview={c}
            onRemoveExample={token ? (e) => void removeExample(token, e) : null}
          />
        ))}
      </div>
    </div>
  );
}
