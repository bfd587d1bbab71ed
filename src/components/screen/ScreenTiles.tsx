import type { PublicQuestion } from '@/protocol';
import { ChoiceShape, choiceLook } from '@/components/ui/ChoiceMark';
import { RichText } from '@/components/ui/RichText';

/**
 * The answer tiles on the big screen (`choice`): colour, shape and letter always visible. At the reveal the
 * correct tile is highlighted (data-correct="true") and the others dimmed.
 */
export function ScreenTiles({
  question,
  correctChoiceId,
  counts,
}: {
  question: PublicQuestion;
  correctChoiceId?: string | null;
  counts?: Map<string, number>;
}) {
  const revealed = correctChoiceId !== undefined;
  const n = question.choices.length;
  const longest = Math.max(0, ...question.choices.map((c) => c.text.length));
  const density = n > 4 || longest > 90 ? 'dense' : longest > 45 ? 'medium' : 'roomy';
  return (
    <ul
      className={`tiles tiles--n${n} tiles--${density} ${revealed ? 'tiles--revealed' : ''}`}
      aria-label="Choices"
    >
      {question.choices.map((c, i) => {
        const look = choiceLook(i);
        const correct = revealed && c.id === correctChoiceId;
        const count = counts?.get(c.id);
        return (
          <li
            key={c.id}
            className={`tile choice--${look.tone} ${revealed ? (correct ? 'tile--correct' : 'tile--dim') : ''}`}
            data-testid="choice"
            data-choice-id={c.id}
            data-correct={correct ? 'true' : undefined}
          >
            <span className="tile__badge" aria-hidden="true">
              <ChoiceShape shape={look.shape} className="tile__shape" />
              <span className="tile__letter">{look.letter}</span>
            </span>
            <span className="sr-only">{look.letter}:</span>
            <span className="tile__text">
              <RichText html={c.html}>{c.text}</RichText>
            </span>
            {revealed && count !== undefined ? <span className="tile__count">{count}</span> : null}
            {correct ? (
              <span className="tile__tick">
                <span aria-hidden="true">✓</span>
                <span className="sr-only">correct answer</span>
              </span>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
