import type { PublicQuestion, Reveal, You } from '@/protocol';
import { CountUp } from '@/components/motion/CountUp';
import { lookFor } from '@/components/ui/ChoiceMark';
import type { VerdictName } from '@/components/ui/Verdict';
import { isScoredKind } from '@/components/ui/kinds';
import { TeamLine } from '@/components/teams/Teams';
import { KindResult } from './KindResult';
import { CorrectAnswer, KeyIdeas, ReferenceAnswer, VERDICT_BANNERS, VerdictBanner } from './RevealParts';

function ordinal(n: number): string {
  const s =
    n % 100 >= 11 && n % 100 <= 13
      ? 'th'
      : (({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th');
  return s;
}

/**
 * Rank and score, numbers only inside the test ids ("#2 of 12 · 1850 pts"). `gained`: the points just won,
 * which the score counts up by.
 */
export function RankScore({ you, label = 'Your place', gained = 0 }: { you: You; label?: string; gained?: number }) {
  return (
    <dl className="rankscore">
      <div className="rankscore__item">
        <dt>{label}</dt>
        <dd>
          {you.rank === null ? (
            <span className="rankscore__big">–</span>
          ) : (
            <>
              <span className="rankscore__big" data-testid="my-rank">
                {you.rank}
              </span>
              <span className="rankscore__suffix">{ordinal(you.rank)}</span>
              <span className="rankscore__of"> of {you.playerCount}</span>
            </>
          )}
        </dd>
      </div>
      <div className="rankscore__item">
        <dt>Score</dt>
        <dd>
          <CountUp
            className="rankscore__big"
            testId="my-score"
            value={you.score}
            from={you.score - gained}
            delayMs={400}
          />
          <span className="rankscore__of"> pts</span>
        </dd>
      </div>
    </dl>
  );
}

export { ordinal };

/** The reveal on the phone: the verdict banner, points, rank, and the reference answer as study material. */
export function PlayerResult({
  you,
  question,
  reveal,
}: {
  you: You;
  question: PublicQuestion;
  reveal: Reveal;
}) {
  const result = you.result && you.result.questionIndex === question.index ? you.result : null;
  const scored = isScoredKind(question.kind);
  const verdict: VerdictName = !result || !result.answered || !scored ? 'none' : result.verdict;
  // A poll or word cloud has no right answer [R12.7]: the banner thanks rather than judges.
  const banner = scored
    ? VERDICT_BANNERS[verdict]
    : result?.answered
      ? { title: question.kind === 'poll' ? 'Vote counted' : 'Your word is in', icon: '★' }
      : VERDICT_BANNERS.none;
  const correctLook = lookFor(question.choices, reveal.correctChoiceId);
  return (
    <section className="pr" aria-labelledby="pr-title">
      <VerdictBanner verdict={verdict} titleId="pr-title" title={banner.title} icon={banner.icon}>
        {scored ? (
          <p className="banner__points">
            <CountUp testId="points" value={result?.points ?? 0} from={0} format={(n) => `+${n}`} /> pts
          </p>
        ) : (
          <p className="banner__points">No points: there is no right answer</p>
        )}
        {result && result.streakBonus > 0 ? (
          <p className="banner__streak">includes +{result.streakBonus} streak bonus</p>
        ) : null}
        {you.streak >= 2 ? (
          <p className="banner__fire">
            <span aria-hidden="true">🔥</span> {you.streak} in a row
          </p>
        ) : null}
        {result?.overridden ? <p className="banner__note">Verdict set by the host</p> : null}
      </VerdictBanner>

      <RankScore you={you} gained={result?.points ?? 0} />
      {/* In teams, the team's standing after this question and the player's part in it [R15.5]. */}
      <TeamLine you={you} />

      <KindResult question={question} reveal={reveal} result={result} />

      {question.kind === 'text' && result?.answered && result.text ? (
        <div className="pr__mine" data-testid="my-answer-why">
          <h2 className="pr__label">Your answer</h2>
          <p className="pr__mine-text" data-testid="my-answer">
            {result.text}
          </p>
          {result.explanation ? (
            <p className="pr__why" data-testid="why">
              <span className="pr__why-label">Why: </span>
              {result.explanation}
            </p>
          ) : null}
        </div>
      ) : null}

      {(question.kind === 'choice' || question.kind === 'truefalse' || question.kind === 'text') && reveal.correctText ? (
        <CorrectAnswer
          label={question.kind === 'choice' ? 'Correct answer' : 'In short'}
          look={correctLook}
          text={reveal.correctText}
          html={reveal.correctTextHtml}
          testId="short-answer"
        />
      ) : null}

      {question.kind === 'text' && result ? <KeyIdeas matched={result.matched} missing={result.missing} /> : null}

      <ReferenceAnswer text={reveal.explanation} html={reveal.explanationHtml} />
    </section>
  );
}
