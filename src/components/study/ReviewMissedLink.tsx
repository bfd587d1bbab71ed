'use client';

import Link from 'next/link';
import { useEffect, useState } from 'react';
import { getStoredProfile } from '@/client/profile';
import { loadStudy } from '@/client/study-api';

/**
 * After a live game, on the phone [R16.8]: "Review the 3 you missed", a deep link into a review session of the
 * cards this profile missed in that game. Shown only with a profile that played the game; the queue is filled
 * as soon as the room's results are stored, so it asks again once if the cards are not scheduled yet.
 */
export function ReviewMissedLink({ code }: { code: string }) {
  const [missed, setMissed] = useState(0);
  useEffect(() => {
    const profile = getStoredProfile();
    if (!profile) return;
    let live = true;
    let tries = 0;
    const ask = async () => {
      const r = await loadStudy(profile.recoveryCode, code);
      if (!live) return;
      if (r.ok && r.data.room) {
        setMissed(r.data.room.missed);
        if (r.data.room.due < r.data.room.missed && ++tries < 5) setTimeout(() => void ask(), 800);
      } else if (++tries < 5) setTimeout(() => void ask(), 800);
    };
    const t = setTimeout(() => void ask(), 300);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [code]);
  if (missed === 0) return null;
  return (
    <Link className="btn btn--ok btn--lg btn--block" href={`/me/review?room=${code}`} data-testid="review-missed" data-missed={missed}>
      Review the {missed} you missed
    </Link>
  );
}
