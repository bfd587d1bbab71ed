'use client';

import { useEffect, useState } from 'react';
import { isLanInfo, type LanInfo } from '@/protocol/network';
import { needsLanAddress, resolveJoinUrl, type JoinAddress } from './join-address';

/**
 * The join link to show (big screen, host console, QR): the server's, or, when that says localhost, this
 * machine's network address from `GET /api/lan` (asked once per page, only in that case).
 */
export function useJoinAddress(joinUrl: string): JoinAddress {
  const [info, setInfo] = useState<LanInfo | null>(null);
  const needed = needsLanAddress(joinUrl);
  useEffect(() => {
    if (!needed) return;
    let live = true;
    fetch('/api/lan', { cache: 'no-store' })
      .then((r) => (r.ok ? r.json() : null))
      .then((body: unknown) => {
        if (live && isLanInfo(body)) setInfo(body);
      })
      // Unknown is as good as "keep the server's link".
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [needed]);
  return resolveJoinUrl(joinUrl, info);
}
