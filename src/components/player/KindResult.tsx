import type { PublicQuestion, PublicState, Reveal, You } from '@/protocol';
import { ChoiceBadge, choiceLook } from '@/components/ui/ChoiceMark';
import { formatNumber, splitIds } from '@/components/ui/kinds';
import { PollBars } from '@/components/ui/PollBars';
import { WordCloud } from '@/components/ui/WordCloud';
import '@/components/ui/kinds.css';

type Result = NonNullable<You['result']>;

/**
 * The right answer of the question kinds on the phone at the reveal [R12.8], beside the player's own: the right
 * set with what they picked and missed, the right order with where they put each item, the number and how far
 * they were, the room's votes, or the cloud.
 */
export function KindResult({ question, reveal, result }: { question: PublicQuestion; reveal: Reveal; result: Result | null }) {
  const mine = splitIds(result?.choiceId);
  const look = (id: string) => choiceLook(Math.max(0, question.choices.findIndex((c) => c.id === id)));
  const text = (id: string) => question.choices.find((c) => c.id === id)?.text ?? id;
  switch (question.kind) {
    case 'multi': {
      const right = new Set(reveal.correctIds ?? []);
      return (
        <div className="pr__answer">
          <h2 className="pr__label">The right picks</h2>
          <ul className="kres" data-testid="kind-result">
            {question.choices.map((c) => {
              const isRight = right.has(c.id);
              const picked = mine.includes(c.id);
              const note = isRight ? (picked ? 'you picked it' : 'you missed it') : picked ? 'wrong pick' : '';
              return (
                <li key={c.id} className={`kres__row ${isRight ? 'kres__row--right' : 'kres__row--wrong'}`}>
                  <span className="kres__mark" aria-hidden="true">
                    {isRight ? '✓' : '✗'}
                  </span>
                  <ChoiceBadge look={look(c.id)} />
                  <span className="kres__text">
                    {c.text}
                    <span className="sr-only">{isRight ? ' (right)' : ' (wrong)'}</span>
                  </span>
                  {note ? <span className={`kres__note ${picked && !isRight ? 'kres__note--bad' : ''}`}>{note}</span> : null}
                </li>
              );
            })}
          </ul>
        </div>
      );
    }
    case 'order':
      return (
        <div className="pr__answer">
          <h2 className="pr__label">The right order</h2>
          <ol className="kres" data-testid="kind-result">
            {(reveal.correctIds ?? []).map((id, i) => {
              const yours = mine.indexOf(id);
              const same = yours === i;
              return (
                <li key={id} className={`kres__row ${same ? 'kres__row--right' : ''}`}>
                  <span className="kres__pos">{i + 1}</span>
                  <span className="kres__text">{text(id)}</span>
                  {yours >= 0 ? (
                    <span className={`kres__note ${same ? '' : 'kres__note--bad'}`}>
                      {same ? '✓ your place' : `you: ${yours + 1}`}
                    </span>
                  ) : null}
                </li>
              );
            })}
          </ol>
        </div>
      );
    case 'number': {
      const n = reveal.number;
      if (!n) return null;
      const yours = result?.text ? Number(result.text) : null;
      const unit = n.unit ? ` ${n.unit}` : '';
      return (
        <div className="pr__answer">
          <h2 className="pr__label">The answer</h2>
          <p className="pr__correct knum" data-testid="kind-result">
            <span className="knum__big">{formatNumber(n.answer)}</span>
            {unit}
          </p>
          {n.tolerance > 0 ? <p className="muted">Full points within ± {formatNumber(n.tolerance)}.</p> : null}
          {yours !== null && Number.isFinite(yours) ? (
            <p className="muted">
              You said {formatNumber(yours)}
              {unit}: {yours === n.answer ? 'spot on' : `${formatNumber(Math.abs(yours - n.answer))} ${yours > n.answer ? 'too high' : 'too low'}`}.
            </p>
          ) : null}
          {n.median !== null ? (
            <p className="muted">
              The room&apos;s middle guess: {formatNumber(n.median)}
              {unit} · {n.within} within the tolerance
            </p>
          ) : null}
        </div>
      );
    }
    case 'poll':
      return (
        <div className="pr__answer">
          <h2 className="pr__label">How the room voted</h2>
          <PollBars question={question} distribution={reveal.distribution} />
        </div>
      );
    case 'cloud':
      return (
        <div className="pr__answer">
          <h2 className="pr__label">The room&apos;s words</h2>
          <WordCloud words={reveal.cloud ?? []} />
        </div>
      );
    case 'truefalse':
    case 'choice':
    case 'text':
      return null;
    default: {
      const never: never = question.kind;
      return String(never);
    }
  }
}

/** While a poll or word cloud is open, the phone that has answered watches the room's answers come in [R12.6, R12.7]. */
export function LiveTally({ state, question }: { state: PublicState; question: PublicQuestion }) {
  if (question.kind === 'poll' && state.live?.distribution) {
    return <PollBars question={question} distribution={state.live.distribution} label="Votes so far" />;
  }
  if (question.kind === 'cloud' && state.live?.cloud) return <WordCloud words={state.live.cloud} />;
  return null;
}
