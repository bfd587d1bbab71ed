/**
 * Collects items during one turn of the event loop and hands them over together (setImmediate): one Redis
 * message for a burst instead of one per item. `flush()` hands over what is waiting at once (on shutdown).
 */
export interface TurnBatch<T> {
  push(item: T): void;
  flush(): void;
}

export function batchPerTurn<T>(deliver: (items: T[]) => void): TurnBatch<T> {
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
        setImmediate(flush);
      }
    },
    flush,
  };
}
