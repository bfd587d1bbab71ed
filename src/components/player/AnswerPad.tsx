'use client';

import { useState, type FormEvent, type InputHTMLAttributes, type ReactNode } from 'react';
import { ChoiceBadge, choiceLook } from '@/components/ui/ChoiceMark';
import { RichText } from '@/components/ui/RichText';
import { charCount, cleanText, TEXT_ANSWER_MAX } from '@/contract';

/**
 * The answer pads the live game (PlayerQuestion) and self-paced play (AssignmentPlayer) share: the choice
 * buttons, the typed answer (and the word cloud's, KindAnswers), and the refusal under them.
 */

/** The input's attributes that differ between pads (autoFocus, spelling help). */
type InputExtras = Pick<InputHTMLAttributes<HTMLInputElement>, 'autoFocus' | 'autoCorrect' | 'autoCapitalize' | 'spellCheck'>;

/**
 * One line of typed text and its send button. The text is cleaned as the server cleans it [R4.4]: blank (or
 * invisible-only) is no answer. Text the policy refuses is sent as typed, so the server's refusal explains why.
 * `busy`: an answer is on its way (the button waits and says `busyLabel`).
 */
export function TypedAnswer({
  id,
  label,
  labelClassName,
  maxLength,
  placeholder,
  hint,
  submitLabel,
  busy = false,
  busyLabel,
  input,
  onSubmit,
}: {
  id: string;
  label: string;
  labelClassName: string;
  maxLength: number;
  placeholder: string;
  hint: ReactNode;
  submitLabel: string;
  busy?: boolean;
  busyLabel?: string;
  input?: InputExtras;
  onSubmit: (text: string) => void;
}) {
  const [text, setText] = useState('');
  const checked = cleanText(text, 'answer');
  const clean = checked.ok ? checked.text : text;
  function submit(e: FormEvent) {
    e.preventDefault();
    if (clean && !busy) onSubmit(clean);
  }
  return (
    <form className="pq__text" onSubmit={submit}>
      <label htmlFor={id} className={labelClassName}>
        {label}
      </label>
      <input
        id={id}
        className="input input--xl"
        data-testid="text-answer"
        value={text}
        onChange={(e) => setText(e.target.value)}
        maxLength={maxLength}
        autoComplete="off"
        {...input}
        enterKeyHint="send"
        placeholder={placeholder}
      />
      <div className="pq__textmeta">
        <span className="muted">{hint}</span>
        <span className="muted">
          {charCount(text)}/{maxLength}
        </span>
      </div>
      <button type="submit" className="btn btn--primary btn--xl btn--block" data-testid="submit-answer" disabled={busy || clean.length === 0}>
        {busy && busyLabel ? busyLabel : submitLabel}
      </button>
    </form>
  );
}

/** A typed answer (a text question): key ideas count, spelling is forgiven. */
export function TextAnswer({
  id,
  busy,
  autoFocus,
  onSubmit,
}: {
  id: string;
  busy?: boolean;
  autoFocus?: boolean;
  onSubmit: (text: string) => void;
}) {
  return (
    <TypedAnswer
      id={id}
      label="Your answer"
      labelClassName="sr-only"
      maxLength={TEXT_ANSWER_MAX}
      placeholder="Type your answer"
      hint="Key ideas count, spelling is forgiven."
      submitLabel="Submit answer"
      busy={busy ?? false}
      busyLabel="Saving…"
      input={{ autoCorrect: 'off', autoCapitalize: 'off', spellCheck: false, ...(autoFocus ? { autoFocus } : {}) }}
      onSubmit={onSubmit}
    />
  );
}

/** The big choice buttons, one tap answers (`trueFalse`: the two-button layout). */
export function ChoicePad({
  choices,
  trueFalse = false,
  disabled,
  onPick,
}: {
  choices: readonly { id: string; text: string; html?: string | undefined }[];
  trueFalse?: boolean;
  disabled?: boolean;
  onPick: (choiceId: string) => void;
}) {
  return (
    <div className={`pq__choices ${trueFalse ? 'pq__choices--tf' : ''}`} role="group" aria-label="Choices">
      {choices.map((c, i) => {
        const look = choiceLook(i);
        return (
          <button
            key={c.id}
            type="button"
            className={`pchoice choice--${look.tone}`}
            data-testid={`choice-${c.id}`}
            disabled={disabled}
            onClick={() => onPick(c.id)}
          >
            <ChoiceBadge look={look} announce />
            <span className="pchoice__text">
              <RichText html={c.html}>{c.text}</RichText>
            </span>
          </button>
        );
      })}
    </div>
  );
}

/** Why the answer was refused, under the pad. */
export function AnswerError({ message }: { message: string | null | undefined }) {
  return message ? (
    <p className="field__error pq__error" data-testid="player-error" role="alert">
      {message}
    </p>
  ) : null;
}
