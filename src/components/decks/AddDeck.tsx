'use client';

import Link from 'next/link';
import { useId, useRef, useState } from 'react';
import { deckApi, deckTokenFor, saveDeckToken, type ImportOutcome, type PreviewResult } from '@/client/decks-api';
import { useOrigin } from '@/client/useOrigin';
import { CopyField } from '@/components/groups/CopyField';
import { CardPreview } from './CardPreview';
import { IssueList } from './IssueList';

const MAX_BYTES = 1_000_000;

const SAMPLE = `# My interview deck
description: A few questions to start with.

### What does \`kubectl get pods -o wide\` add?
> The node each Pod runs on and its IP address.

### What does this query return?
\`\`\`sql
SELECT count(*) FROM orders WHERE paid;
\`\`\`
> The number of paid orders.
`;

/** The edit link and token of a new deck: shown once, like a group's admin link. */
export function EditLink({ outcome }: { outcome: ImportOutcome }) {
  const origin = useOrigin();
  if (!outcome.editToken || !outcome.editPath) return null;
  return (
    <div className="edit-link" data-testid="edit-link">
      <p>
        <strong>Your edit link</strong>: whoever holds it may edit or delete this deck. It is shown this once and kept in
        this browser; save it somewhere safe to edit from elsewhere.
      </p>
      <CopyField label="Edit link" value={`${origin}${outcome.editPath}`} testId="edit-url" />
    </div>
  );
}

/** Paste or upload Markdown, preview every card, then import. */
export function AddDeck({ onImported }: { onImported: () => void }) {
  const id = useId();
  const [text, setText] = useState('');
  const [fileName, setFileName] = useState('deck.md');
  const [preview, setPreview] = useState<PreviewResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<ImportOutcome | null>(null);
  const area = useRef<HTMLTextAreaElement>(null);

  async function loadFile(file: File | undefined) {
    setError(null);
    if (!file) return;
    if (file.size > MAX_BYTES) {
      setError(`That file is ${Math.round(file.size / 1024)} KB; decks are at most 1 MB.`);
      return;
    }
    try {
      setText(await file.text());
      setFileName(file.name);
      setPreview(null);
      setOutcome(null);
    } catch {
      setError('Could not read that file.');
    }
  }

  async function runPreview() {
    setBusy(true);
    setError(null);
    setOutcome(null);
    const res = await deckApi.preview(text, fileName);
    setBusy(false);
    if (res.ok) setPreview(res.data);
    else setError(res.message);
  }

  async function runImport(replaceToken?: string) {
    setBusy(true);
    setError(null);
    const res = await deckApi.import(text, fileName, replaceToken);
    setBusy(false);
    if (!res.ok) {
      setError(res.message);
      return;
    }
    if (res.data.editToken) saveDeckToken(res.data.id, res.data.editToken);
    setOutcome(res.data);
    setPreview(null);
    onImported();
  }

  /** Selects a line of the text area, so "line 12" in an error takes you there. */
  function goToLine(line: number) {
    const el = area.current;
    if (!el) return;
    const lines = el.value.split('\n');
    const start = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0);
    el.focus();
    el.setSelectionRange(start, start + (lines[line - 1]?.length ?? 0));
  }

  const target = preview?.ok ? preview.target : null;
  const myToken = target?.taken && !target.builtin ? deckTokenFor(target.id) : null;

  return (
    <section className="panel add-deck" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="panel__title">
        Add a deck
      </h2>
      <p className="panel__text">
        Paste Markdown or open a <code>.md</code> file: one <code>### question</code> per card, the answer in{' '}
        <code>&gt;</code> lines, code in <code>```</code> fences under the question (see <code>docs/DECKS.md</code>). Nothing
        is stored until you import, and an import never replaces someone else’s deck.
      </p>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-text`}>
          Deck Markdown
          <button type="button" className="link-button field__aside" onClick={() => setText(SAMPLE)}>
            Insert an example
          </button>
        </label>
        <textarea
          ref={area}
          id={`${id}-text`}
          className="input deck-text"
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setPreview(null);
          }}
          rows={12}
          spellCheck={false}
          placeholder={'# Deck title\n\n### A question?\n> Its answer.'}
          data-testid="deck-text"
        />
      </div>
      <div className="add-deck__row">
        <label className="btn btn--secondary btn--sm add-deck__file">
          Open a file…
          <input
            type="file"
            className="sr-only"
            accept=".md,.markdown,.txt,text/markdown,text/plain"
            data-testid="deck-file"
            onChange={(e) => void loadFile(e.target.files?.[0])}
          />
        </label>
        <button
          type="button"
          className="btn btn--primary"
          disabled={busy || text.trim() === ''}
          onClick={() => void runPreview()}
          data-testid="deck-preview"
        >
          {busy && !preview ? 'Reading…' : 'Preview'}
        </button>
      </div>

      <div aria-live="polite">
        {error ? (
          <div className="import__error" role="alert">
            <p className="form-error__title">Not imported:</p>
            <pre className="pre pre--error" data-testid="import-error">
              {error}
            </pre>
          </div>
        ) : null}
        {preview && !preview.ok ? (
          <div className="import__error" role="alert" data-testid="preview-errors">
            <p className="form-error__title">
              {preview.errors.length} {preview.errors.length === 1 ? 'problem' : 'problems'} to fix (nothing was stored):
            </p>
            <IssueList issues={preview.errors} fileName={fileName} onLine={goToLine} />
          </div>
        ) : null}
        {outcome ? (
          <div className="success" data-testid="import-result" role="status">
            <p>
              <strong>Imported “{outcome.title}”</strong> · {outcome.cards} cards · id <code>{outcome.id}</code>
            </p>
            {outcome.notice ? <p data-testid="import-notice">{outcome.notice}</p> : null}
            <EditLink outcome={outcome} />
            {outcome.warnings.length > 0 ? <pre className="pre pre--warn">{outcome.warnings.join('\n')}</pre> : null}
            <div className="add-deck__row">
              <Link className="btn btn--primary btn--sm" href={`/decks/${encodeURIComponent(outcome.id)}`} data-testid="open-deck">
                Open the deck
              </Link>
              <Link className="btn btn--secondary btn--sm" href={`/?deck=${encodeURIComponent(outcome.id)}`}>
                Host it <span aria-hidden="true">▸</span>
              </Link>
            </div>
          </div>
        ) : null}
      </div>

      {preview?.ok ? (
        <div className="add-deck__preview" data-testid="deck-preview-result">
          <div className="add-deck__summary">
            <p>
              <strong>{preview.title}</strong> · {preview.cards.length} {preview.cards.length === 1 ? 'card' : 'cards'} · id{' '}
              <code>{preview.target.id}</code>
            </p>
            {preview.target.taken ? (
              <p className="notice" data-testid="id-taken">
                {myToken
                  ? `You own the deck “${preview.target.id}”: replace it, or import this as a new deck.`
                  : `The id “${preview.target.id}” is taken${preview.target.builtin ? ' by a built-in deck' : ''}: this deck will get a new id. Nothing will be replaced.`}
              </p>
            ) : null}
            {preview.warnings.length > 0 ? (
              <pre className="pre pre--warn">{preview.warnings.map((w) => `line ${w.line}: ${w.message}`).join('\n')}</pre>
            ) : null}
            <div className="add-deck__row">
              <button type="button" className="btn btn--primary" disabled={busy} onClick={() => void runImport()} data-testid="deck-import">
                {busy ? 'Importing…' : myToken ? 'Import as a new deck' : 'Import deck'}
              </button>
              {myToken ? (
                <button type="button" className="btn btn--secondary" disabled={busy} onClick={() => void runImport(myToken)} data-testid="deck-replace">
                  Replace my deck
                </button>
              ) : null}
            </div>
          </div>
          {preview.cards.map((c) => (
            <CardPreview key={`${c.position}-${c.id}`} deckId={null} preview={c} />
          ))}
        </div>
      ) : null}
    </section>
  );
}
