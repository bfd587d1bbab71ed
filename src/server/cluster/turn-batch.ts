import { systemClock, type Clock } from '../clock';

/**
 * Collects items during one turn of the event loop and hands them over together (the clock's `setImmediate`):
 * one Redis message for a burst instead of one per item. `flush()` hands over what is waiting at once (on
 * shutdown).
 */
export interface TurnBatch<T> {
  push(item: T): void;
  flush(): void;
}

export function batchPerTurn<T>(deliver: (items: T[]) => void, clock: Clock = systemClock): TurnBatch<T> {
  let items: T[] = [];
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (items.length === 0) return;
    const batch = items;
    items = [];
    deliver(batch);
  };
  return {
    push(item) {
      items.push(item);
      if (!scheduled) {
        scheduled = true;
        clock.setImmediate(flush);
      }
    },
    flush,
  };
}
