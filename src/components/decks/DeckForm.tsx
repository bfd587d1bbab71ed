'use client';

import { useId, type ReactNode } from 'react';
import type { Card, CardMode, Deck } from '@/decks/types';

/**
 * The deck as a form: one block per card with every field of the format. The form holds plain strings; the
 * editor writes the deck out as Markdown and the server parses it, so a form error comes with its line too.
 */

export interface CardDraft {
  prompt: string;
  body: string;
  answer: string;
  choices: { text: string; correct: boolean }[];
  accept: string;
  ideas: string;
  need: string;
  wrong: string;
  hints: string;
  order: string;
  mode: '' | CardMode;
  topic: string;
  /** Numeric estimate: the answer, its tolerance, its unit (as typed). */
  number: string;
  tolerance: string;
  unit: string;
  /** True/false: '' unset, 'true' or 'false'. */
  truth: '' | 'true' | 'false';
}

/** The kinds a card can be, as the form names them [R12]. */
const MODE_LABELS: Record<CardMode, string> = {
  choice: 'choice',
  text: 'typed',
  order: 'ordering',
  multi: 'all that apply',
  number: 'number estimate',
  truefalse: 'true / false',
  poll: 'poll (no right answer)',
  cloud: 'word cloud (no right answer)',
};

export interface DeckDraft {
  title: string;
  description: string;
  cards: CardDraft[];
}

const lines = (s: string) =>
  s
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');

export function draftOf(deck: Deck): DeckDraft {
  return {
    title: deck.title,
    description: deck.description ?? '',
    cards: deck.cards.map((c) => ({
      prompt: c.prompt,
      body: c.body ?? '',
      answer: c.answer,
      choices: c.choices ?? [],
      accept: (c.accept ?? []).join('\n'),
      ideas: (c.ideas ?? []).map((i) => (i.terms.length > 0 ? `${i.label} = ${i.terms.join(' | ')}` : i.label)).join('\n'),
      need: c.need === undefined ? '' : String(c.need),
      wrong: (c.wrong ?? []).join('\n'),
      hints: (c.hints ?? []).join('\n'),
      order: (c.order ?? []).join(' > '),
      mode: c.mode ?? '',
      topic: c.topic ?? '',
      number: c.number === undefined ? '' : String(c.number),
      tolerance: c.tolerance === undefined ? '' : String(c.tolerance),
      unit: c.unit ?? '',
      truth: c.truth === undefined ? '' : c.truth ? 'true' : 'false',
    })),
  };
}

/**
 * The draft as a deck (not validated: the parser does that after the deck is written out). Values that the
 * format cannot hold are passed on as typed, so the parser's message points at them.
 */
export function deckOf(draft: DeckDraft, id: string): Deck {
  return {
    id,
    title: draft.title,
    ...(draft.description.trim() !== '' && { description: draft.description.trim() }),
    cards: draft.cards.map((d): Card => {
      const ideas = lines(d.ideas).map((l) => {
        const eq = l.indexOf('=');
        const [label = '', ...terms] = eq >= 0 ? [l.slice(0, eq), ...l.slice(eq + 1).split('|')] : l.split('|');
        return { label: label.trim(), terms: terms.map((t) => t.trim()).filter((t) => t !== '') };
      });
      const order = d.order
        .split(/\s*(?:->|→|>)\s*/)
        .map((o) => o.trim())
        .filter((o) => o !== '');
      const need = Number(d.need);
      const number = Number(d.number);
      const tolerance = Number(d.tolerance);
      return {
        prompt: d.prompt.replace(/\s*\n\s*/g, ' '),
        ...(d.body.trim() !== '' && { body: d.body.trimEnd() }),
        answer: d.answer,
        ...(d.choices.length > 0 && { choices: d.choices.map((c) => ({ text: c.text.replace(/\s*\n\s*/g, ' '), correct: c.correct })) }),
        ...(lines(d.accept).length > 0 && { accept: lines(d.accept) }),
        ...(ideas.length > 0 && { ideas }),
        ...(d.need.trim() !== '' && Number.isFinite(need) && { need }),
        ...(lines(d.wrong).length > 0 && { wrong: lines(d.wrong) }),
        ...(lines(d.hints).length > 0 && { hints: lines(d.hints) }),
        ...(order.length > 0 && { order }),
        ...(d.mode !== '' && { mode: d.mode }),
        ...(d.topic.trim() !== '' && { topic: d.topic.trim() }),
        ...(d.number.trim() !== '' && Number.isFinite(number) && { number }),
        ...(d.tolerance.trim() !== '' && Number.isFinite(tolerance) && { tolerance }),
        ...(d.unit.trim() !== '' && { unit: d.unit.trim() }),
        ...(d.truth !== '' && { truth: d.truth === 'true' }),
      };
    }),
  };
}

const EMPTY_CARD: CardDraft = {
  prompt: '',
  body: '',
  answer: '',
  choices: [],
  accept: '',
  ideas: '',
  need: '',
  wrong: '',
  hints: '',
  order: '',
  mode: '',
  topic: '',
  number: '',
  tolerance: '',
  unit: '',
  truth: '',
};

function Field({ label, hint, children, id }: { label: string; hint?: string; children: ReactNode; id: string }) {
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {children}
      {hint ? <p className="field__hint">{hint}</p> : null}
    </div>
  );
}

function CardFields({
  card,
  index,
  count,
  problems,
  onChange,
  onMove,
  onRemove,
}: {
  card: CardDraft;
  index: number;
  count: number;
  problems: string[];
  onChange: (c: CardDraft) => void;
  onMove: (delta: -1 | 1) => void;
  onRemove: () => void;
}) {
  const id = useId();
  const set = <K extends keyof CardDraft>(key: K, value: CardDraft[K]) => onChange({ ...card, [key]: value });
  const area = (key: 'accept' | 'ideas' | 'wrong' | 'hints', label: string, hint: string) => (
    <Field label={label} hint={hint} id={`${id}-${key}`}>
      <textarea id={`${id}-${key}`} className="input deck-mono" rows={2} value={card[key]} onChange={(e) => set(key, e.target.value)} />
    </Field>
  );
  return (
    <fieldset className={`card-form ${problems.length > 0 ? 'card-form--bad' : ''}`} data-testid="card-form">
      <legend className="card-form__legend">
        Card {index + 1}
        <span className="card-form__tools">
          <button type="button" className="link-button" disabled={index === 0} onClick={() => onMove(-1)} aria-label={`Move card ${index + 1} up`}>
            ↑
          </button>
          <button type="button" className="link-button" disabled={index === count - 1} onClick={() => onMove(1)} aria-label={`Move card ${index + 1} down`}>
            ↓
          </button>
          <button type="button" className="link-button" onClick={onRemove} data-testid="card-remove">
            Remove
          </button>
        </span>
      </legend>
      {problems.length > 0 ? (
        <ul className="card-form__problems" role="alert">
          {problems.map((p, i) => (
            <li key={i}>{p}</li>
          ))}
        </ul>
      ) : null}
      <Field label="Question" hint="Markdown: `code`, **bold**, links." id={`${id}-prompt`}>
        <input id={`${id}-prompt`} className="input" value={card.prompt} onChange={(e) => set('prompt', e.target.value)} data-testid="form-prompt" />
      </Field>
      <Field label="Code under the question (optional)" hint="Fenced blocks: ```yaml, ```sql, ```go, ```python…" id={`${id}-body`}>
        <textarea id={`${id}-body`} className="input deck-mono" rows={3} value={card.body} onChange={(e) => set('body', e.target.value)} placeholder={'```yaml\nkind: Pod\n```'} />
      </Field>
      <Field label="Reference answer" hint="Shown at the reveal; Markdown, lists with “- ”." id={`${id}-answer`}>
        <textarea id={`${id}-answer`} className="input deck-mono" rows={4} value={card.answer} onChange={(e) => set('answer', e.target.value)} data-testid="form-answer" />
      </Field>
      <div className="field">
        <span className="field__label">
          {card.mode === 'multi'
            ? 'Choices (2 to 6, tick every correct one)'
            : card.mode === 'poll'
              ? 'Options (2 to 6, none correct)'
              : 'Choices (optional: 2 to 6, one correct)'}
        </span>
        {card.choices.map((c, i) => (
          <div key={i} className="card-form__choice">
            {card.mode === 'poll' ? null : (
              <input
                type={card.mode === 'multi' ? 'checkbox' : 'radio'}
                name={`${id}-correct`}
                checked={c.correct}
                onChange={() =>
                  set(
                    'choices',
                    card.choices.map((x, j) =>
                      card.mode === 'multi' ? (j === i ? { ...x, correct: !x.correct } : x) : { ...x, correct: j === i },
                    ),
                  )
                }
                aria-label={`Choice ${i + 1} is correct`}
              />
            )}
            <input
              className="input"
              value={c.text}
              aria-label={`Choice ${i + 1}`}
              onChange={(e) => set('choices', card.choices.map((x, j) => (j === i ? { ...x, text: e.target.value } : x)))}
            />
            <button type="button" className="link-button" onClick={() => set('choices', card.choices.filter((_, j) => j !== i))}>
              Remove
            </button>
          </div>
        ))}
        {card.choices.length < 6 ? (
          <button
            type="button"
            className="link-button"
            onClick={() => set('choices', [...card.choices, { text: '', correct: card.choices.length === 0 && card.mode !== 'poll' }])}
          >
            + Add a choice
          </button>
        ) : null}
      </div>
      <div className="card-form__grid">
        {area('accept', 'Accepted answers', 'One per line; each one alone is a full answer.')}
        {area('ideas', 'Key ideas', 'One per line: label = synonym | synonym')}
        {area('wrong', 'Known wrong answers', 'One per line: an answer matching one is incorrect.')}
        {area('hints', 'Hints', 'One per line: on-topic words worth partial credit.')}
      </div>
      <div className="card-form__grid card-form__grid--small">
        <Field label="Need" hint="Key ideas for a full answer" id={`${id}-need`}>
          <input id={`${id}-need`} className="input input--short" inputMode="numeric" value={card.need} onChange={(e) => set('need', e.target.value)} />
        </Field>
        <Field label="Order" hint="a > b > c" id={`${id}-order`}>
          <input id={`${id}-order`} className="input" value={card.order} onChange={(e) => set('order', e.target.value)} />
        </Field>
        <Field label="Kind" hint="Mixed rooms ask the card this way" id={`${id}-mode`}>
          <select id={`${id}-mode`} className="input" value={card.mode} onChange={(e) => set('mode', e.target.value as CardDraft['mode'])} data-testid="form-mode">
            <option value="">choice or typed</option>
            {(Object.keys(MODE_LABELS) as CardMode[]).map((m) => (
              <option key={m} value={m}>
                {MODE_LABELS[m]}
              </option>
            ))}
          </select>
        </Field>
        {card.mode === 'number' ? (
          <>
            <Field label="Number" hint="The right value" id={`${id}-number`}>
              <input id={`${id}-number`} className="input input--short" inputMode="decimal" value={card.number} onChange={(e) => set('number', e.target.value)} />
            </Field>
            <Field label="Tolerance" hint="Full points within ±" id={`${id}-tolerance`}>
              <input id={`${id}-tolerance`} className="input input--short" inputMode="decimal" value={card.tolerance} onChange={(e) => set('tolerance', e.target.value)} />
            </Field>
            <Field label="Unit" id={`${id}-unit`}>
              <input id={`${id}-unit`} className="input input--short" value={card.unit} onChange={(e) => set('unit', e.target.value)} />
            </Field>
          </>
        ) : null}
        {card.mode === 'truefalse' ? (
          <Field label="The statement is" id={`${id}-truth`}>
            <select id={`${id}-truth`} className="input" value={card.truth} onChange={(e) => set('truth', e.target.value as CardDraft['truth'])}>
              <option value="">choose…</option>
              <option value="true">true</option>
              <option value="false">false</option>
            </select>
          </Field>
        ) : null}
        <Field label="Topic" id={`${id}-topic`}>
          <input id={`${id}-topic`} className="input" value={card.topic} onChange={(e) => set('topic', e.target.value)} />
        </Field>
      </div>
    </fieldset>
  );
}

export function DeckForm({
  draft,
  onChange,
  problemsOf,
}: {
  draft: DeckDraft;
  onChange: (d: DeckDraft) => void;
  /** Problems found in each card by the last save, by card index. */
  problemsOf: (index: number) => string[];
}) {
  const id = useId();
  const setCard = (i: number, c: CardDraft) => onChange({ ...draft, cards: draft.cards.map((x, j) => (j === i ? c : x)) });
  const move = (i: number, delta: -1 | 1) => {
    const cards = draft.cards.slice();
    const [c] = cards.splice(i, 1);
    if (c) cards.splice(i + delta, 0, c);
    onChange({ ...draft, cards });
  };
  return (
    <div className="deck-form" data-testid="deck-form">
      <div className="card-form__grid">
        <Field label="Title" id={`${id}-title`}>
          <input id={`${id}-title`} className="input" value={draft.title} onChange={(e) => onChange({ ...draft, title: e.target.value })} data-testid="form-title" />
        </Field>
        <Field label="Description" id={`${id}-desc`}>
          <input id={`${id}-desc`} className="input" value={draft.description} onChange={(e) => onChange({ ...draft, description: e.target.value })} />
        </Field>
      </div>
      {problemsOf(-1).length > 0 ? (
        <ul className="card-form__problems" role="alert">
          {problemsOf(-1).map((p, i) => (
            <li key={i}>{p}</li>
          ))}
        </ul>
      ) : null}
      {draft.cards.map((c, i) => (
        <CardFields
          key={i}
          card={c}
          index={i}
          count={draft.cards.length}
          problems={problemsOf(i)}
          onChange={(x) => setCard(i, x)}
          onMove={(d) => move(i, d)}
          onRemove={() => onChange({ ...draft, cards: draft.cards.filter((_, j) => j !== i) })}
        />
      ))}
      <button type="button" className="btn btn--secondary" onClick={() => onChange({ ...draft, cards: [...draft.cards, { ...EMPTY_CARD }] })} data-testid="card-add">
        + Add a card
      </button>
    </div>
  );
}
