'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { createPracticeRoom } from '@/client/boards-api';
import { adminTokenFor } from '@/client/groups';
import { setHostToken } from '@/client/storage';

/**
 * "Play the cards we miss most": a new room of the group's weakest cards of one deck, hosted from this browser.
 * It counts for the group when this browser holds the group's admin token [R11.7].
 */
export function PracticeButton({ groupId, deckId, deckTitle, positions }: { groupId: string; deckId: string; deckTitle: string; positions: number[] }) {
  const router = useRouter();
  const [admin, setAdmin] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setAdmin(adminTokenFor(groupId)), [groupId]);

  async function play() {
    setBusy(true);
    setError(null);
    const res = await createPracticeRoom({ deckId, positions, group: admin ? { id: groupId, adminToken: admin } : null });
    if (!res.ok) {
      setBusy(false);
      setError(`Could not create the room: ${res.message}`);
      return;
    }
    setHostToken(res.data.code, res.data.hostToken);
    router.push(`/host/${res.data.code}#token=${encodeURIComponent(res.data.hostToken)}`);
  }

  return (
    <div className="practice">
      <div className="practice__text">
        <h2 className="practice__title">Play the cards we miss most</h2>
        <p className="muted">
          A new room with the {positions.length} {positions.length === 1 ? 'card' : 'cards'} of <strong>{deckTitle}</strong> the group gets wrong most
          often, in random order.
          {admin ? ' It counts for this group.' : ' Open the group’s admin link in this browser to make it count for the group.'}
        </p>
      </div>
      <button type="button" className="btn btn--primary btn--lg" onClick={() => void play()} disabled={busy} data-testid="practice-button">
        {busy ? 'Creating room…' : '▶ Play these cards'}
      </button>
      <p className="practice__also">
        <a className="btn btn--secondary" href={`/assignments/new?group=${encodeURIComponent(groupId)}&source=missed`} data-testid="assign-missed">
          Assign them as self-paced
        </a>
      </p>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
