'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useState, type FormEvent } from 'react';
import { listDecks, type DeckSummary } from '@/client/api';
import { createAssignment } from '@/client/assign-api';
import { adminTokenFor } from '@/client/groups';
import { write } from '@/client/storage';
import '@/components/groups/boards.css';
import './assign.css';

/**
 * "Assign as self-paced" (docs/ASSIGNMENTS.md): a deck (or the cards chosen on the page before, or the group's
 * "cards we miss most"), an optional deadline, an optional timer per card; the host's link comes back once.
 */
export function AssignmentForm({
  deckId,
  groupId,
  missed,
  positions,
}: {
  deckId: string | null;
  groupId: string | null;
  missed: boolean;
  positions: number[] | null;
}) {
  const router = useRouter();
  const [decks, setDecks] = useState<DeckSummary[]>([]);
  const [deck, setDeck] = useState(deckId ?? '');
  const [deadline, setDeadline] = useState('');
  const [timer, setTimer] = useState(false);
  const [timerSec, setTimerSec] = useState(30);
  const [mode, setMode] = useState<'mixed' | 'choice' | 'text'>('mixed');
  const [admin, setAdmin] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (groupId) setAdmin(adminTokenFor(groupId));
    if (missed) return;
    void listDecks().then((r) => {
      if (!r.ok) return;
      setDecks(r.data.decks);
      setDeck((d) => d || r.data.decks[0]?.id || '');
    });
  }, [groupId, missed]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    let due: string | null = null;
    if (deadline) {
      const t = new Date(deadline);
      if (Number.isNaN(t.getTime())) return setError('The deadline is not a date.');
      if (t.getTime() <= Date.now()) return setError('The deadline must be in the future.');
      due = t.toISOString();
    }
    if (missed && !admin) return setError('Open the group’s admin link in this browser first: only its admin may assign its missed cards.');
    setBusy(true);
    const res = await createAssignment({
      source: missed ? 'missed' : positions ? 'cards' : 'deck',
      ...(missed ? {} : { deckId: deck }),
      ...(positions && !missed ? { positions } : {}),
      ...(groupId && admin ? { group: { id: groupId, adminToken: admin } } : {}),
      deadline: due,
      timerSec: timer ? timerSec : null,
      mode,
    });
    if (!res.ok) {
      setBusy(false);
      setError(res.message);
      return;
    }
    write(`quizroom:assign-host:${res.data.id}`, res.data.hostToken);
    router.push(`/a/${encodeURIComponent(res.data.id)}/host`);
  }

  return (
    <form className="assign-form panel" onSubmit={(e) => void submit(e)} data-testid="assign-form">
      <p className="eyebrow">Self-paced</p>
      <h1 className="assign-host__title">New assignment</h1>
      <p className="muted">
        Everyone plays alone on their own phone, at their own pace, with the same grading and the same reveal as a live game.
        Accuracy counts; speed only breaks ties.
      </p>
      {missed ? (
        <p data-testid="assign-source">The group&apos;s cards it misses most (up to 10, hardest first, in random order).</p>
      ) : (
        <div className="field">
          <label className="field__label" htmlFor="as-deck">
            Deck
          </label>
          <select id="as-deck" className="input select" value={deck} onChange={(e) => setDeck(e.target.value)} data-testid="assign-deck">
            {decks.length === 0 && deck ? <option value={deck}>{deck}</option> : null}
            {decks.map((d) => (
              <option key={d.id} value={d.id}>
                {d.title} ({d.cardCount} cards)
              </option>
            ))}
          </select>
          {positions ? <p className="field__hint">{positions.length} chosen cards of this deck.</p> : null}
        </div>
      )}
      <div className="field">
        <label className="field__label" htmlFor="as-deadline">
          Deadline <span className="muted">(optional)</span>
        </label>
        <input
          id="as-deadline"
          className="input"
          type="datetime-local"
          value={deadline}
          onChange={(e) => setDeadline(e.target.value)}
          data-testid="assign-deadline-input"
        />
        <p className="field__hint">Results count for the group when the deadline passes (or when you close it).</p>
      </div>
      <div className="field">
        <label className="field__label" htmlFor="as-mode">
          Questions
        </label>
        <select id="as-mode" className="input select" value={mode} onChange={(e) => setMode(e.target.value as 'mixed' | 'choice' | 'text')}>
          <option value="mixed">Mixed: choices and typed answers</option>
          <option value="choice">Multiple choice</option>
          <option value="text">Typed answers</option>
        </select>
      </div>
      <div className="field assign-form__timer">
        <label className="check">
          <input type="checkbox" checked={timer} onChange={(e) => setTimer(e.target.checked)} data-testid="assign-timer" /> Timer per card
        </label>
        {timer ? (
          <>
            <label className="sr-only" htmlFor="as-timer">
              Seconds per card
            </label>
            <input
              id="as-timer"
              className="input assign-form__secs"
              type="number"
              min={5}
              max={300}
              value={timerSec}
              onChange={(e) => setTimerSec(Math.min(300, Math.max(5, Number(e.target.value) || 30)))}
            />
            <span className="muted">seconds</span>
          </>
        ) : (
          <span className="muted">off: players take the time they need</span>
        )}
      </div>
      {groupId ? (
        <p className="muted" data-testid="assign-group">
          {admin ? 'Counts for this group.' : 'Open the group’s admin link in this browser to make it count for the group.'}
        </p>
      ) : null}
      {error ? (
        <p className="form-error" role="alert" data-testid="assign-error">
          {error}
        </p>
      ) : null}
      <button type="submit" className="btn btn--primary btn--lg" disabled={busy || (!missed && !deck)} data-testid="assign-create">
        {busy ? 'Creating…' : 'Create the link'}
      </button>
    </form>
  );
}
