'use client';

import { useLayoutEffect, useRef, type RefObject } from 'react';
import { prefersReducedMotion } from './reduced-motion';

export interface FlipItem {
  id: string;
  /**
   * Places gained since the last time this list was shown (positive = up). Used when the list mounts fresh
   * (a new phase): the row starts where it was and slides to where it is.
   */
  movement: number;
}

const EASE = 'cubic-bezier(0.2, 0.8, 0.2, 1)';

/**
 * FLIP reordering for a list whose children carry `data-flip-id`: every row starts at its previous place
 * (measured on the last render, or derived from `movement` on the first) and slides to its new one with a
 * transform, so the order changes in front of the room. Rows new to the list rise in from below. Nothing moves
 * under `prefers-reduced-motion`.
 */
export function useFlipList(
  list: RefObject<HTMLElement | null>,
  items: readonly FlipItem[],
  { delayMs = 350, durationMs = 750 }: { delayMs?: number; durationMs?: number } = {},
): void {
  const last = useRef<Map<string, number> | null>(null);
  const key = items.map((i) => `${i.id}:${i.movement}`).join('|');
  useLayoutEffect(() => {
    const el = list.current;
    if (!el) return;
    const rows = [...el.querySelectorAll<HTMLElement>(':scope > [data-flip-id]')];
    const now = new Map(rows.map((r) => [r.dataset.flipId ?? '', r.getBoundingClientRect().top]));
    const before = last.current;
    last.current = now;
    if (prefersReducedMotion() || rows.length === 0) return;
    const first = rows[0]?.getBoundingClientRect();
    const second = rows[1]?.getBoundingClientRect();
    const pitch = first && second ? second.top - first.top : (first?.height ?? 0) + 8;
    const movement = new Map(items.map((i) => [i.id, i.movement]));
    rows.forEach((row, index) => {
      const id = row.dataset.flipId ?? '';
      const top = now.get(id) ?? 0;
      let dy: number;
      let entering = false;
      if (before) {
        const was = before.get(id);
        entering = was === undefined;
        dy = was === undefined ? pitch * 1.5 : was - top;
      } else {
        const moved = movement.get(id) ?? 0;
        const previousIndex = index + moved;
        entering = previousIndex >= rows.length;
        dy = (Math.min(previousIndex, rows.length) - index) * pitch;
      }
      if (Math.abs(dy) < 1 && !entering) return;
      row.animate(
        [
          { transform: `translateY(${dy}px)`, opacity: entering ? 0 : 1 },
          { transform: 'translateY(0)', opacity: 1 },
        ],
        { duration: durationMs, delay: before ? 0 : delayMs, easing: EASE, fill: 'backwards' },
      );
    });
    // `key` stands for `items`: re-run when the order or the movements change, not on every render.
  }, [key, list]);
}
