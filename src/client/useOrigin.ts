'use client';

import { useSyncExternalStore } from 'react';

const noop = () => () => undefined;

/** window.location.origin in the browser, '' while rendering on the server. */
export function useOrigin(): string {
  return useSyncExternalStore(
    noop,
    () => window.location.origin,
    () => '',
  );
}
