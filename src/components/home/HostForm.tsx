'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { createRoom, listDecks, type DeckSummary } from '@/client/api';
import { setHostToken } from '@/client/storage';
import { GroupPicker } from '@/components/groups/GroupPicker';
import { Toggle } from '@/components/ui/Toggle';

const DEFAULT_DECK = 'kubernetes-networking';
type Mode = 'choice' | 'text' | 'mixed';

type DeckLoad =
  { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; decks: DeckSummary[] };

function parseIntIn(raw: string, min: number, max: number): number | null {
  if (!/^\s*\d+\s*$/.test(raw)) return null;
  const n = Number(raw);
  return n >= min && n <= max ? n : null;
}

/** "Host a game": deck and settings -> POST /api/rooms -> /host/CODE#token=... */
export function HostForm({ initialDeck, initialGroup }: { initialDeck?: string; initialGroup?: string }) {
  const router = useRouter();
  const id = useId();
  const [load, setLoad] = useState<DeckLoad>({ kind: 'loading' });
  const [deckId, setDeckId] = useState('');
  const [mode, setMode] = useState<Mode>('mixed');
  const [timeLimit, setTimeLimit] = useState('20');
  const [count, setCount] = useState('');
  const [shuffle, setShuffle] = useState(false);
  const [points, setPoints] = useState(true);
  const [speedBonus, setSpeedBonus] = useState(true);
  const [autoAdvance, setAutoAdvance] = useState(false);
  const [leadIn, setLeadIn] = useState(true);
  const [autoSec, setAutoSec] = useState('8');
  const [group, setGroup] = useState<{ id: string; adminToken: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const fetchDecks = useCallback(async () => {
    setLoad({ kind: 'loading' });
    const res = await listDecks();
    if (!res.ok) {
      setLoad({ kind: 'error', message: res.message });
      return;
    }
    const decks = res.data.decks;
    setLoad({ kind: 'ready', decks });
    const pick =
      decks.find((d) => d.id === initialDeck) ?? decks.find((d) => d.id === DEFAULT_DECK) ?? decks[0];
    if (pick) {
      setDeckId(pick.id);
      setCount(String(pick.cardCount));
    }
  }, [initialDeck]);

  useEffect(() => {
    void fetchDecks();
  }, [fetchDecks]);

  const decks = load.kind === 'ready' ? load.decks : [];
  const deck = decks.find((d) => d.id === deckId);
  const maxCount = deck?.cardCount ?? 500;

  function chooseDeck(next: string) {
    setDeckId(next);
    const d = decks.find((x) => x.id === next);
    if (d) setCount(String(d.cardCount));
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    if (!deck) {
      setError(
        load.kind === 'ready' && decks.length === 0
          ? 'There are no decks yet. Import one on the Decks page.'
          : 'Choose a deck first.',
      );
      return;
    }
    const limit = parseIntIn(timeLimit, 5, 300);
    if (limit === null) {
      setError('Time limit must be a whole number of seconds between 5 and 300.');
      return;
    }
    const n = count.trim() === '' ? deck.cardCount : parseIntIn(count, 1, deck.cardCount);
    if (n === null) {
      setError(`Number of questions must be between 1 and ${deck.cardCount} (the deck's size).`);
      return;
    }
    const adv = autoAdvance ? parseIntIn(autoSec, 3, 60) : 8;
    if (adv === null) {
      setError('Auto-advance delay must be between 3 and 60 seconds.');
      return;
    }
    setBusy(true);
    const res = await createRoom({
      deckId: deck.id,
      settings: { mode, timeLimitSec: limit, points, speedBonus, autoAdvance, autoAdvanceSec: adv, leadIn },
      ...(n < deck.cardCount ? { questionCount: n } : {}),
      shuffle,
      ...(group ? { group } : {}),
    });
    if (!res.ok) {
      setBusy(false);
      setError(`Could not create the room: ${res.message}`);
      return;
    }
    setHostToken(res.data.code, res.data.hostToken);
    router.push(`/host/${res.data.code}#token=${encodeURIComponent(res.data.hostToken)}`);
  }

  return (
    <form
      className="host-form"
      onSubmit={submit}
      noValidate
      aria-describedby={error ? `${id}-err` : undefined}
    >
      <div className="field">
        <label className="field__label" htmlFor={`${id}-deck`}>
          Deck
        </label>
        <div className="field__row">
          <select
            id={`${id}-deck`}
            className="input select"
            data-testid="deck-select"
            value={deckId}
            onChange={(e) => chooseDeck(e.target.value)}
            disabled={load.kind !== 'ready' || decks.length === 0}
            aria-busy={load.kind === 'loading'}
          >
            {load.kind === 'loading' ? <option value="">Loading decks…</option> : null}
            {load.kind === 'error' ? <option value="">Decks unavailable</option> : null}
            {load.kind === 'ready' && decks.length === 0 ? <option value="">No decks yet</option> : null}
            {decks.map((d) => (
              <option key={d.id} value={d.id}>
                {d.title} ({d.cardCount} cards)
              </option>
            ))}
          </select>
        </div>
        {load.kind === 'error' ? (
          <p className="field__error" role="alert">
            {load.message}{' '}
            <button type="button" className="link-button" onClick={() => void fetchDecks()}>
              Retry
            </button>
          </p>
        ) : deck?.description ? (
          <p className="field__hint">{deck.description}</p>
        ) : null}
      </div>

      <div className="field-grid">
        <div className="field">
          <label className="field__label" htmlFor={`${id}-mode`}>
            Question type
          </label>
          <select
            id={`${id}-mode`}
            className="input select"
            data-testid="mode-select"
            value={mode}
            onChange={(e) => setMode(e.target.value as Mode)}
          >
            <option value="mixed">Mixed (per card)</option>
            <option value="choice">Multiple choice</option>
            <option value="text">Open text</option>
          </select>
        </div>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-time`}>
            Seconds per question
          </label>
          <input
            id={`${id}-time`}
            className="input"
            type="number"
            inputMode="numeric"
            min={5}
            max={300}
            step={1}
            data-testid="time-limit"
            value={timeLimit}
            onChange={(e) => setTimeLimit(e.target.value)}
          />
        </div>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-count`}>
            Questions <span className="field__aside">of {deck?.cardCount ?? '–'}</span>
          </label>
          <input
            id={`${id}-count`}
            className="input"
            type="number"
            inputMode="numeric"
            min={1}
            max={maxCount}
            step={1}
            placeholder="All"
            data-testid="question-count"
            value={count}
            onChange={(e) => setCount(e.target.value)}
          />
        </div>
      </div>

      <GroupPicker onChange={setGroup} initialGroupId={initialGroup ?? null} />

      <fieldset className="toggles">
        <legend className="field__label">Options</legend>
        <Toggle
          checked={shuffle}
          onChange={setShuffle}
          testId="shuffle-toggle"
          label="Shuffle questions"
          hint="Random order instead of the deck's order"
        />
        <Toggle
          checked={points}
          onChange={setPoints}
          testId="points-toggle"
          label="Points"
          hint="Score answers and show a leaderboard"
        />
        <Toggle
          checked={speedBonus}
          onChange={setSpeedBonus}
          testId="speed-toggle"
          label="Speed bonus"
          hint={points ? 'Faster right answers earn more' : 'Only counts when points are on'}
        />
        <Toggle
          checked={autoAdvance}
          onChange={setAutoAdvance}
          testId="auto-advance-toggle"
          label="Auto-advance"
          hint="Results and leaderboard move on by themselves"
        />
        <Toggle
          checked={leadIn}
          onChange={setLeadIn}
          testId="lead-in-toggle"
          label="Get ready"
          hint="Show each question 3 s before answers open"
        />
        {autoAdvance ? (
          <div className="field field--inline">
            <label className="field__label" htmlFor={`${id}-auto`}>
              Seconds on each results screen
            </label>
            <input
              id={`${id}-auto`}
              className="input input--short"
              type="number"
              inputMode="numeric"
              min={3}
              max={60}
              data-testid="auto-advance-sec"
              value={autoSec}
              onChange={(e) => setAutoSec(e.target.value)}
            />
          </div>
        ) : null}
      </fieldset>

      <div className="host-form__footer">
        <button
          type="submit"
          className="btn btn--primary btn--lg btn--block"
          data-testid="create-room"
          disabled={busy || load.kind === 'loading'}
        >
          {busy ? 'Creating room…' : 'Create room'}
        </button>
        <div id={`${id}-err`} className="alert-slot">
          {error ? (
            <p data-testid="create-error" className="form-error" role="alert">
              {error}
            </p>
          ) : null}
        </div>
        <p className="host-form__more">
          Want your own questions? <Link href="/decks">Import a Markdown deck</Link>
        </p>
      </div>
    </form>
  );
}
