import type { ReactNode } from 'react';
import { ChoiceBadge, type ChoiceLook } from '@/components/ui/ChoiceMark';
import { RichText } from '@/components/ui/RichText';
import { StudyText } from '@/components/ui/StudyText';
import type { VerdictName } from '@/components/ui/Verdict';

/**
 * The pieces of a player's own reveal that the live game (PlayerResult) and self-paced play (AssignmentPlayer)
 * share: the verdict banner, the right answer, the key ideas of a typed answer and the deck's reference answer.
 */

export const VERDICT_BANNERS: Record<VerdictName, { title: string; icon: string }> = {
  correct: { title: 'Correct!', icon: '✓' },
  partial: { title: 'Partly right', icon: '◐' },
  incorrect: { title: 'Not quite', icon: '✗' },
  none: { title: 'No answer', icon: '–' },
};

/** The banner at the top of the reveal; `children`: its points and notes. */
export function VerdictBanner({
  verdict,
  titleId,
  title,
  icon,
  children,
}: {
  verdict: VerdictName;
  titleId: string;
  title: string;
  icon: string;
  children: ReactNode;
}) {
  return (
    <div className={`banner banner--${verdict}`} data-testid="result" data-verdict={verdict}>
      <span className="banner__icon" aria-hidden="true">
        {icon}
      </span>
      <h1 id={titleId} className="banner__title">
        {title}
      </h1>
      {children}
    </div>
  );
}

/** The right answer: the right choice's badge (if any) and its text. */
export function CorrectAnswer({
  label,
  look,
  text,
  html,
  testId,
}: {
  label: string;
  look: ChoiceLook | null;
  text: string;
  html: string | undefined;
  testId?: string;
}) {
  return (
    <div className="pr__answer">
      <h2 className="pr__label">{label}</h2>
      <p className="pr__correct" data-testid={testId}>
        {look ? <ChoiceBadge look={look} /> : null}
        <span>
          <RichText html={html}>{text}</RichText>
        </span>
      </p>
    </div>
  );
}

/** A typed answer's key ideas: those the player got, then those missing. */
export function KeyIdeas({ matched, missing }: { matched: readonly string[]; missing: readonly string[] }) {
  if (matched.length === 0 && missing.length === 0) return null;
  return (
    <div className="pr__ideas">
      <h2 className="pr__label">Key ideas</h2>
      <ul className="ideas">
        {matched.map((m) => (
          <li key={`m-${m}`} className="idea idea--hit" data-testid="matched-idea">
            <span aria-hidden="true">✓</span> {m}
            <span className="sr-only"> (you got this)</span>
          </li>
        ))}
        {missing.map((m) => (
          <li key={`x-${m}`} className="idea idea--miss" data-testid="missing-idea">
            <span aria-hidden="true">○</span> {m}
            <span className="sr-only"> (missing)</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The deck's reference answer, as study material (nothing when the card has none). */
export function ReferenceAnswer({ text, html }: { text: string; html: string | undefined }) {
  if (!text) return null;
  return (
    <div className="pr__study">
      <h2 className="pr__label">Reference answer</h2>
      <RichText html={html} block className="study" testId="reference-answer">
        <StudyText text={text} testId="reference-answer" />
      </RichText>
    </div>
  );
}
