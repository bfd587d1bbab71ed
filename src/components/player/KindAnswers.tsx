'use client';

import { useRef, useState, type FormEvent, type KeyboardEvent, type PointerEvent } from 'react';
import type { PublicQuestion } from '@/protocol';
import { ChoiceBadge, choiceLook } from '@/components/ui/ChoiceMark';
import { readNumber } from '@/components/ui/kinds';
import { TypedAnswer } from './AnswerPad';
import '@/components/ui/kinds.css';

/**
 * The phone's answer pads for the question kinds [R12.2]: all that apply (toggle, then send), put in order
 * (drag the handle, or tap an item then tap where it goes, or its ↑ ↓ buttons), a number, and a word for the
 * cloud. Each sends one answer; nothing is sent until the player confirms.
 */

export function MultiAnswer({ question, onSubmit }: { question: PublicQuestion; onSubmit: (ids: string[]) => void }) {
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set());
  const toggle = (id: string) =>
    setPicked((p) => {
      const next = new Set(p);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  return (
    <div className="kmulti">
      <p className="kmulti__hint muted" id="kmulti-hint">
        Pick every answer that applies, then send. Wrong picks cost points.
      </p>
      <div className="pq__choices" role="group" aria-describedby="kmulti-hint" aria-label="Choices">
        {question.choices.map((c, i) => {
          const look = choiceLook(i);
          const on = picked.has(c.id);
          return (
            <button
              key={c.id}
              type="button"
              className={`pchoice kmulti__choice choice--${look.tone} ${on ? 'kmulti__choice--on' : ''}`}
              aria-pressed={on}
              data-testid={`choice-${c.id}`}
              onClick={() => toggle(c.id)}
            >
              <ChoiceBadge look={look} announce />
              <span className="pchoice__text">{c.text}</span>
              <span className="kmulti__box" aria-hidden="true">
                {on ? '✓' : ''}
              </span>
            </button>
          );
        })}
      </div>
      <button
        type="button"
        className="btn btn--primary btn--xl btn--block"
        data-testid="submit-answer"
        disabled={picked.size === 0}
        onClick={() => onSubmit(question.choices.filter((c) => picked.has(c.id)).map((c) => c.id))}
      >
        {picked.size === 0 ? 'Pick at least one' : `Send ${picked.size} ${picked.size === 1 ? 'pick' : 'picks'}`}
      </button>
    </div>
  );
}

function move<T>(items: readonly T[], from: number, to: number): T[] {
  const out = items.slice();
  const [it] = out.splice(from, 1);
  if (it !== undefined) out.splice(Math.max(0, Math.min(out.length, to)), 0, it);
  return out;
}

/**
 * Put in order. Three ways to move an item, so a finger, a mouse, a keyboard and a screen reader all work:
 * drag its handle; tap it (it is "picked up") then tap another item to put it there; or its ↑ / ↓ buttons
 * (Alt+↑ / Alt+↓ on a focused item do the same).
 */
export function OrderAnswer({ question, onSubmit }: { question: PublicQuestion; onSubmit: (ids: string[]) => void }) {
  const [order, setOrder] = useState<string[]>(() => question.choices.map((c) => c.id));
  const [held, setHeld] = useState<string | null>(null);
  const [dragging, setDragging] = useState<string | null>(null);
  const [said, setSaid] = useState('');
  const listRef = useRef<HTMLOListElement>(null);
  const text = (id: string) => question.choices.find((c) => c.id === id)?.text ?? id;
  const lookOf = (id: string) => choiceLook(Math.max(0, question.choices.findIndex((c) => c.id === id)));

  const moveTo = (id: string, to: number) => {
    setOrder((o) => {
      const from = o.indexOf(id);
      if (from < 0 || from === to) return o;
      const next = move(o, from, to);
      setSaid(`${text(id)} moved to place ${next.indexOf(id) + 1} of ${next.length}.`);
      return next;
    });
  };

  const tap = (id: string) => {
    if (held === null) {
      setHeld(id);
      setSaid(`${text(id)} picked up. Tap the item whose place it should take.`);
    } else if (held === id) {
      setHeld(null);
      setSaid(`${text(id)} put down.`);
    } else {
      moveTo(held, order.indexOf(id));
      setHeld(null);
    }
  };

  const onKey = (e: KeyboardEvent, id: string) => {
    if (!e.altKey || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown')) return;
    e.preventDefault();
    moveTo(id, order.indexOf(id) + (e.key === 'ArrowUp' ? -1 : 1));
  };

  // Dragging by the handle: the item follows the pointer's row (pointer capture keeps the events coming on touch).
  const onPointerDown = (e: PointerEvent<HTMLSpanElement>, id: string) => {
    e.preventDefault();
    e.currentTarget.setPointerCapture(e.pointerId);
    setDragging(id);
    setHeld(null);
  };
  const onPointerMove = (e: PointerEvent<HTMLSpanElement>, id: string) => {
    if (dragging !== id || !listRef.current) return;
    const rows = Array.from(listRef.current.querySelectorAll<HTMLElement>('[data-order-row]'));
    let to = rows.length - 1;
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i]?.getBoundingClientRect();
      if (r && e.clientY < r.top + r.height / 2) {
        to = i;
        break;
      }
    }
    if (to !== order.indexOf(id)) setOrder((o) => move(o, o.indexOf(id), to));
  };
  const onPointerUp = (id: string) => {
    if (dragging !== id) return;
    setDragging(null);
    setSaid(`${text(id)} dropped at place ${order.indexOf(id) + 1} of ${order.length}.`);
  };

  return (
    <div className="korder">
      <p className="korder__hint muted" id="korder-hint">
        First at the top. Drag ⠿, or tap an item then tap where it goes, or use ↑ ↓.
      </p>
      <ol className="korder__list" ref={listRef} aria-describedby="korder-hint" data-testid="order-list">
        {order.map((id, i) => {
          const look = lookOf(id);
          return (
            <li
              key={id}
              data-order-row
              className={`korder__item choice--${look.tone} ${held === id ? 'korder__item--held' : ''} ${dragging === id ? 'korder__item--drag' : ''}`}
              data-testid="order-item"
              data-choice-id={id}
            >
              <span
                className="korder__handle"
                aria-hidden="true"
                onPointerDown={(e) => onPointerDown(e, id)}
                onPointerMove={(e) => onPointerMove(e, id)}
                onPointerUp={() => onPointerUp(id)}
                onPointerCancel={() => onPointerUp(id)}
              >
                ⠿
              </span>
              <button
                type="button"
                className="korder__tap"
                aria-pressed={held === id}
                onClick={() => tap(id)}
                onKeyDown={(e) => onKey(e, id)}
                data-testid={`order-tap-${id}`}
              >
                <span className="korder__pos">{i + 1}</span>
                <ChoiceBadge look={look} />
                <span className="korder__text">{text(id)}</span>
              </button>
              <span className="korder__moves">
                <button
                  type="button"
                  className="korder__move"
                  disabled={i === 0}
                  onClick={() => moveTo(id, i - 1)}
                  aria-label={`Move ${text(id)} up`}
                  data-testid={`order-up-${id}`}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="korder__move"
                  disabled={i === order.length - 1}
                  onClick={() => moveTo(id, i + 1)}
                  aria-label={`Move ${text(id)} down`}
                  data-testid={`order-down-${id}`}
                >
                  ↓
                </button>
              </span>
            </li>
          );
        })}
      </ol>
      <p className="sr-only" aria-live="polite">
        {said}
      </p>
      <button type="button" className="btn btn--primary btn--xl btn--block" data-testid="submit-answer" onClick={() => onSubmit(order)}>
        Send this order
      </button>
    </div>
  );
}

export function NumberAnswer({ question, onSubmit }: { question: PublicQuestion; onSubmit: (value: number) => void }) {
  const [raw, setRaw] = useState('');
  const value = readNumber(raw);
  const bad = raw.trim() !== '' && value === null;
  function submit(e: FormEvent) {
    e.preventDefault();
    if (value !== null) onSubmit(value);
  }
  return (
    <form className="pq__text knumber" onSubmit={submit}>
      <label htmlFor="pq-number" className="knumber__label">
        Your estimate{question.unit ? ` (${question.unit})` : ''}
      </label>
      <div className="knumber__row">
        <input
          id="pq-number"
          className="input input--xl knumber__input"
          data-testid="number-answer"
          value={raw}
          onChange={(e) => setRaw(e.target.value)}
          inputMode="decimal"
          autoComplete="off"
          enterKeyHint="send"
          autoFocus
          placeholder="0"
          aria-invalid={bad}
          aria-describedby={bad ? 'pq-number-err' : undefined}
        />
        {question.unit ? <span className="knumber__unit">{question.unit}</span> : null}
      </div>
      {bad ? (
        <p className="field__error" id="pq-number-err">
          Type a number, such as 42 or 3.5.
        </p>
      ) : (
        <p className="muted knumber__meta">The closer, the more points.</p>
      )}
      <button type="submit" className="btn btn--primary btn--xl btn--block" data-testid="submit-answer" disabled={value === null}>
        Submit estimate
      </button>
    </form>
  );
}

/** The most a word cloud answer may be (the server's limit, [R12.2]). */
export const CLOUD_TEXT_MAX = 40;

export function CloudAnswer({ onSubmit }: { onSubmit: (text: string) => void }) {
  return (
    <TypedAnswer
      id="pq-cloud"
      label="A word or two for the cloud"
      labelClassName="knumber__label"
      maxLength={CLOUD_TEXT_MAX}
      placeholder="Type a word"
      hint="No right answer: everyone's words count."
      submitLabel="Send to the cloud"
      input={{ autoFocus: true }}
      onSubmit={onSubmit}
    />
  );
}
