import type { CloudWord } from '@/protocol';
import './kinds.css';

/**
 * A word cloud [R12.7]: the grouped answers, sized by how many gave them (the biggest first, so the order
 * reads as a ranking for screen readers too). Grows as answers come in: new words fade in.
 */
export function WordCloud({
  words,
  variant = 'default',
  emptyText = 'No words yet',
}: {
  words: CloudWord[];
  variant?: 'default' | 'screen';
  emptyText?: string;
}) {
  if (words.length === 0) return <p className={`cloud cloud--empty cloud--${variant} muted`}>{emptyText}</p>;
  const max = Math.max(1, ...words.map((w) => w.count));
  return (
    <ul className={`cloud cloud--${variant}`} aria-label="Word cloud" data-testid="word-cloud">
      {words.map((w, i) => {
        // Area grows with the count: size by the square root, from 1x to 3.2x.
        const scale = 1 + 2.2 * Math.sqrt(w.count / max);
        return (
          <li
            key={w.text}
            className={`cloud__word cloud__word--${i % 5}`}
            style={{ fontSize: `${scale.toFixed(2)}em` }}
            data-testid="cloud-word"
            data-count={w.count}
          >
            {w.text}
            <span className="sr-only">
              : {w.count} {w.count === 1 ? 'answer' : 'answers'}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
