/**
 * Choice identity shared by the big screen and the phones: colour + shape + letter, so no one needs to tell
 * colours apart (▲ A red, ◆ B blue, ● C yellow, ■ D green, ★ E purple, ⬢ F orange).
 */
import type { ReactNode } from 'react';

const SHAPES = ['triangle', 'diamond', 'circle', 'square', 'star', 'hexagon'] as const;
export type ShapeName = (typeof SHAPES)[number];
const SHAPE_LABELS: Record<ShapeName, string> = {
  triangle: 'triangle',
  diamond: 'diamond',
  circle: 'circle',
  square: 'square',
  star: 'star',
  hexagon: 'hexagon',
};

export interface ChoiceLook {
  letter: string;
  shape: ShapeName;
  /** CSS modifier: choice--0 .. choice--5 */
  tone: number;
}

export function choiceLook(index: number): ChoiceLook {
  const i = ((index % SHAPES.length) + SHAPES.length) % SHAPES.length;
  return { letter: String.fromCharCode(65 + index), shape: SHAPES[i] ?? 'circle', tone: i };
}

/** Looks a choice id up in the question's choices (its position decides the look). */
export function lookFor(
  choices: readonly { id: string }[],
  choiceId: string | null | undefined,
): ChoiceLook | null {
  if (!choiceId) return null;
  const i = choices.findIndex((c) => c.id === choiceId);
  return i < 0 ? null : choiceLook(i);
}

export function shapeLabel(shape: ShapeName): string {
  return SHAPE_LABELS[shape];
}

export function ChoiceShape({ shape, className = 'choice-shape' }: { shape: ShapeName; className?: string }) {
  let body: ReactNode;
  switch (shape) {
    case 'triangle':
      body = <path d="M12 2.5 L22.5 21 L1.5 21 Z" />;
      break;
    case 'diamond':
      body = <path d="M12 1.5 L22.5 12 L12 22.5 L1.5 12 Z" />;
      break;
    case 'circle':
      body = <circle cx="12" cy="12" r="10" />;
      break;
    case 'square':
      body = <rect x="3" y="3" width="18" height="18" rx="1.5" />;
      break;
    case 'star':
      body = (
        <path d="M12 1.5 L14.9 8.6 L22.5 9.2 L16.7 14.1 L18.5 21.6 L12 17.6 L5.5 21.6 L7.3 14.1 L1.5 9.2 L9.1 8.6 Z" />
      );
      break;
    case 'hexagon':
      body = <path d="M12 1.5 L21.5 7 L21.5 17 L12 22.5 L2.5 17 L2.5 7 Z" />;
      break;
  }
  return (
    <svg className={className} viewBox="0 0 24 24" aria-hidden="true" focusable="false" fill="currentColor">
      {body}
    </svg>
  );
}

/**
 * Shape + letter badge, e.g. [▲ A]. Hidden from assistive technology unless `announce`: then the letter is part
 * of the accessible name of what holds it (a choice button is named "A Every Pod gets an IP", as it reads).
 */
export function ChoiceBadge({ look, announce = false }: { look: ChoiceLook; announce?: boolean }) {
  return (
    <span className="choice-badge" aria-hidden={announce ? undefined : 'true'}>
      <ChoiceShape shape={look.shape} />
      <span className="choice-badge__letter">{look.letter}</span>
    </span>
  );
}
