'use client';

import { useId, useState, type FormEvent } from 'react';
import { deckApi, type CardPreview as CardPreviewData, type ExampleView, type TryResult } from '@/client/decks-api';
import { choiceLook, ChoiceBadge } from '@/components/ui/ChoiceMark';
import { RichText } from '@/components/ui/RichText';
import { VerdictBadge } from '@/components/ui/Verdict';
import { formatNumber, KIND_LABELS } from '@/components/ui/kinds';
import type { Card } from '@/decks/types';

/** "Try an answer": grades what you type as a game would, with the key ideas found and missed. */
export function TryAnswer({ deckId, preview }: { deckId: string | null; preview: CardPreviewData }) {
  const id = useId();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<TryResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (text.trim() === '' || busy) return;
    setBusy(true);
    setError(null);
    // A stored card is graded with its learned examples; a previewed one (not imported yet) as it is.
    const res = deckId ? await deckApi.tryAnswer(deckId, preview.id, text) : await deckApi.tryCard(preview.card, text);
    setBusy(false);
    if (res.ok) setResult(res.data);
    else setError(res.message);
  }

  return (
    <form className="try" onSubmit={submit} data-testid="try-answer">
      <label className="try__label" htmlFor={`${id}-t`}>
        Try an answer
      </label>
      <div className="try__row">
        <input
          id={`${id}-t`}
          className="input"
          value={text}
          maxLength={1000}
          onChange={(e) => setText(e.target.value)}
          placeholder="Type what a player might answer"
          autoComplete="off"
          data-testid="try-input"
        />
        <button type="submit" className="btn btn--secondary" disabled={busy || text.trim() === ''} data-testid="try-submit">
          {busy ? 'Grading…' : 'Grade'}
        </button>
      </div>
      <div aria-live="polite">
        {result ? (
          <div className="try__result" data-testid="try-result" data-verdict={result.verdict}>
            <VerdictBadge verdict={result.verdict} />
            <span className="try__score">score {result.score.toFixed(2)}</span>
            {result.unsure ? <span className="unsure-badge">unsure</span> : null}
            {result.explanation ? (
              <span className="try__why" data-testid="try-why">
                {result.explanation}
              </span>
            ) : null}
            {result.matched.length + result.missing.length > 0 ? (
              <ul className="ideas ideas--small">
                {result.matched.map((m) => (
                  <li key={`m-${m}`} className="idea idea--hit">
                    <span aria-hidden="true">✓</span> {m}
                  </li>
                ))}
                {result.missing.map((m) => (
                  <li key={`x-${m}`} className="idea idea--miss">
                    <span aria-hidden="true">○</span> {m}
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}
        {error ? (
          <p className="field__error" role="alert">
            {error}
          </p>
        ) : null}
      </div>
    </form>
  );
}

function ExampleList({
  examples,
  onRemove,
}: {
  examples: ExampleView[];
  onRemove: ((e: ExampleView) => void) | null;
}) {
  if (examples.length === 0) return null;
  return (
    <div className="card-preview__examples">
      <h4 className="card-preview__label">Learned from games</h4>
      <ul className="examples" data-testid="examples">
        {examples.map((e) => (
          <li key={e.id} className={`example example--${e.verdict}`} data-testid="example">
            <span className="example__verdict">{e.verdict === 'accept' ? '✓ accepted' : '✗ wrong'}</span>
            <span className="example__text">{e.text}</span>
            {onRemove ? (
              <button type="button" className="link-button" onClick={() => onRemove(e)} data-testid="example-remove">
                Remove
              </button>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** What a card of the question kinds [R12] expects, in one line (the choices and the order show below too). */
function kindLine(card: Card): string | null {
  switch (card.mode) {
    case 'truefalse':
      return card.truth === undefined ? null : `True or false: the statement is ${card.truth ? 'true' : 'false'}.`;
    case 'number':
      return card.number === undefined
        ? null
        : `Estimate: ${formatNumber(card.number)}${card.unit ? ` ${card.unit}` : ''}, full points within ± ${formatNumber(card.tolerance ?? 0)}.`;
    case 'order':
      return card.order ? `Put in order: ${card.order.join(' → ')}.` : null;
    case 'multi':
      return 'All that apply: every ticked choice is right; wrong picks cost.';
    case 'poll':
      return 'Poll: no right answer, no points; the votes show live.';
    case 'cloud':
      return 'Word cloud: no right answer, no points; the words show live.';
    default:
      return null;
  }
}

/** One card as players will see it: the question (with its code), the choices, the reference, the key ideas. */
export function CardPreview({
  deckId,
  preview,
  onRemoveExample = null,
}: {
  deckId: string | null;
  preview: CardPreviewData;
  onRemoveExample?: ((e: ExampleView) => void) | null;
}) {
  const { card, html } = preview;
  return (
    <article className="card-preview" data-testid="card-preview" data-card-id={preview.id}>
      <header className="card-preview__head">
        <span className="card-preview__num">{preview.position + 1}</span>
        <h3 className="card-preview__prompt" data-testid="card-prompt">
          <RichText html={html.prompt}>{card.prompt}</RichText>
        </h3>
        <span className="card-preview__chips">
          {card.mode ? (
            <span className="chip chip--sm" data-testid="card-kind">
              {card.mode === 'choice' ? 'choice' : card.mode === 'text' ? 'typed' : KIND_LABELS[card.mode].toLowerCase()}
            </span>
          ) : null}
          {card.topic ? <span className="chip chip--sm">{card.topic}</span> : null}
        </span>
      </header>
      {html.body ? <RichText html={html.body} block className="card-preview__code">{null}</RichText> : null}
      {kindLine(card) ? <p className="card-preview__small" data-testid="card-kind-answer">{kindLine(card)}</p> : null}

      <div className="card-preview__grid">
        <div>
          <h4 className="card-preview__label">As multiple choice</h4>
          {card.choices && html.choices ? (
            <ul className="card-preview__choices">
              {card.choices.map((c, i) => (
                <li key={i} className={`card-preview__choice ${c.correct ? 'card-preview__choice--correct' : ''}`}>
                  <ChoiceBadge look={choiceLook(i)} />
                  <RichText html={html.choices?.[i]}>{c.text}</RichText>
                  {c.correct ? <span className="card-preview__tick">✓ correct</span> : null}
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted card-preview__drawn">
              Right option: <strong>{preview.drawnChoice}</strong>, among the answers of other cards.
            </p>
          )}
          <h4 className="card-preview__label">Key ideas the grader looks for</h4>
          {preview.ideas.length > 0 ? (
            <ul className="ideas ideas--small" data-testid="card-ideas">
              {preview.ideas.map((i) => (
                <li key={i} className="idea idea--miss">
                  {i}
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">None: the grader uses the accepted answers.</p>
          )}
          {card.accept && card.accept.length > 0 ? (
            <p className="card-preview__small">
              <span className="muted">Accepted as complete:</span> {card.accept.join(' · ')}
            </p>
          ) : null}
          {card.wrong && card.wrong.length > 0 ? (
            <p className="card-preview__small">
              <span className="muted">Known wrong:</span> {card.wrong.join(' · ')}
            </p>
          ) : null}
        </div>
        <div>
          <h4 className="card-preview__label">Reference answer (shown at the reveal)</h4>
          <RichText html={html.answer} block className="study card-preview__answer" testId="card-answer">
            {card.answer}
          </RichText>
        </div>
      </div>
      <ExampleList examples={preview.examples} onRemove={onRemoveExample} />
      <TryAnswer deckId={deckId} preview={preview} />
    </article>
  );
}
