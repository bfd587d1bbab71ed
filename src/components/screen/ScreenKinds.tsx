import type { PublicQuestion, PublicState, Reveal } from '@/protocol';
import { ChoiceBadge, choiceLook } from '@/components/ui/ChoiceMark';
import { formatNumber } from '@/components/ui/kinds';
import { PollBars } from '@/components/ui/PollBars';
import { WordCloud } from '@/components/ui/WordCloud';
import { ScreenTiles } from './ScreenTiles';
import '@/components/ui/kinds.css';

/**
 * The big screen's part of the question kinds [R12]: what is on the projector while players answer (never a
 * right answer; a poll's votes and a word cloud grow live), and the reveal of each kind.
 */

export function ScreenKindQuestion({ state, question }: { state: PublicState; question: PublicQuestion }) {
  switch (question.kind) {
    case 'truefalse':
      return <ScreenTiles question={question} />;
    case 'multi':
      return (
        <div className="skq">
          <p className="skq__hint">Pick every answer that applies</p>
          <ScreenTiles question={question} />
        </div>
      );
    case 'order':
      return (
        <div className="skq">
          <p className="skq__hint">Put these in order on your phone</p>
          <ul className={`sorder ${question.choices.length > 4 ? 'sorder--cols' : ''}`} style={{ ['--rows' as string]: Math.ceil(question.choices.length / 2) }} aria-label="Items to put in order">
            {question.choices.map((c, i) => (
              <li key={c.id} className={`sorder__item choice--${choiceLook(i).tone}`}>
                <ChoiceBadge look={choiceLook(i)} />
                <span>{c.text}</span>
              </li>
            ))}
          </ul>
        </div>
      );
    case 'number':
      return (
        <div className="sq__typein">
          <span className="sq__typein-icon" aria-hidden="true">
            #
          </span>
          <p className="sq__typein-text">Type your estimate on your phone{question.unit ? ` (${question.unit})` : ''}</p>
          <p className="sq__typein-hint">The closer you are, the more points.</p>
        </div>
      );
    case 'poll':
      return (
        <div className="skq" data-testid="live-poll">
          <p className="skq__hint">Vote on your phone · results live</p>
          <PollBars question={question} distribution={state.live?.distribution ?? question.choices.map((c) => ({ choiceId: c.id, count: 0 }))} variant="screen" />
        </div>
      );
    case 'cloud':
      return (
        <div className="skq skq--cloud" data-testid="live-cloud">
          <p className="skq__hint">Type a word on your phone · the cloud grows live</p>
          <WordCloud words={state.live?.cloud ?? []} variant="screen" emptyText="The first words will appear here" />
        </div>
      );
    case 'choice':
    case 'text':
      return null;
    default: {
      const never: never = question.kind;
      return String(never);
    }
  }
}

export function ScreenKindReveal({
  question,
  reveal,
  variant = 'screen',
}: {
  question: PublicQuestion;
  reveal: Reveal;
  /** `default`: the host console's size. */
  variant?: 'default' | 'screen';
}) {
  const counts = new Map(reveal.distribution.map((d) => [d.choiceId, d.count]));
  switch (question.kind) {
    case 'truefalse':
      return <ScreenTiles question={question} correctChoiceId={reveal.correctChoiceId} counts={counts} />;
    case 'multi':
      return <PollBars question={question} distribution={reveal.distribution} marked={new Set(reveal.correctIds ?? [])} variant={variant} label="Picks per choice" unit="pick" total={reveal.answeredCount} />;
    case 'order': {
      const text = (id: string) => question.choices.find((c) => c.id === id)?.text ?? id;
      return (
        <ol
          className={`sorder sorder--reveal sorder--${variant} ${variant === 'screen' && (reveal.correctIds?.length ?? 0) > 6 ? 'sorder--cols' : ''}`}
          style={{ ['--rows' as string]: Math.ceil((reveal.correctIds?.length ?? 0) / 2) }}
          aria-label="The right order"
          data-testid="right-order"
        >
          {(reveal.correctIds ?? []).map((id, i) => (
            <li key={id} className="sorder__item sorder__item--right">
              <span className="sorder__pos">{i + 1}</span>
              <span className="sorder__text">{text(id)}</span>
              <span className="sorder__count">
                {counts.get(id) ?? 0}
                <span className="sorder__count-label"> placed right</span>
              </span>
            </li>
          ))}
        </ol>
      );
    }
    case 'number': {
      const n = reveal.number;
      if (!n) return null;
      const unit = n.unit ? ` ${n.unit}` : '';
      return (
        <div className={`snum snum--${variant}`} data-testid="number-reveal">
          <p className="snum__answer">
            <span className="snum__label">Answer</span>
            <span className="snum__value">
              {formatNumber(n.answer)}
              <span className="snum__unit">{unit}</span>
            </span>
            {n.tolerance > 0 ? <span className="snum__tol">full points within ± {formatNumber(n.tolerance)}</span> : null}
          </p>
          <dl className="snum__stats">
            <div>
              <dt>Middle guess</dt>
              <dd>{n.median === null ? '–' : `${formatNumber(n.median)}${unit}`}</dd>
            </div>
            <div>
              <dt>Within the tolerance</dt>
              <dd>
                {n.within} of {reveal.answeredCount}
              </dd>
            </div>
            {n.lowest !== undefined && n.highest !== undefined ? (
              <div>
                <dt>Guesses from</dt>
                <dd>
                  {formatNumber(n.lowest)} to {formatNumber(n.highest)}
                </dd>
              </div>
            ) : null}
          </dl>
        </div>
      );
    }
    case 'poll':
      return <PollBars question={question} distribution={reveal.distribution} variant={variant} />;
    case 'cloud':
      return <WordCloud words={reveal.cloud ?? []} variant={variant} emptyText="No words this time" />;
    case 'choice':
    case 'text':
      return null;
    default: {
      const never: never = question.kind;
      return String(never);
    }
  }
}
