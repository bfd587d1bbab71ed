'use client';

import Link from 'next/link';
import { useEffect, useState } from 'react';
import { recoverProfile } from '@/client/boards-api';
import { getStoredProfile, parseRecoveryInput, setStoredProfile } from '@/client/profile';
import { ClaimProfile } from './ClaimProfile';
import { StatusScreen } from '@/components/ui/StatusScreen';

type State =
  | { kind: 'checking' }
  | { kind: 'ok'; displayName: string; replaced: string | null }
  | { kind: 'error'; message: string }
  | { kind: 'manual' };

/**
 * The recovery link `/profiles/recover#code=...` on another device: checks the code with the server, keeps the
 * profile in this browser and removes the code from the address bar [R11.2].
 */
export function RecoverProfile() {
  const [state, setState] = useState<State>({ kind: 'checking' });

  useEffect(() => {
    const hash = new URLSearchParams(window.location.hash.slice(1));
    const code = parseRecoveryInput(hash.get('code') ?? '');
    if (!code) {
      setState({ kind: 'manual' });
      return;
    }
    window.history.replaceState(null, '', window.location.pathname);
    void recoverProfile(code).then((res) => {
      if (!res.ok) {
        setState({ kind: 'error', message: res.message });
        return;
      }
      const before = getStoredProfile();
      setStoredProfile({ profileId: res.data.id, displayName: res.data.displayName, recoveryCode: code });
      setState({ kind: 'ok', displayName: res.data.displayName, replaced: before && before.profileId !== res.data.id ? before.displayName : null });
    });
  }, []);

  switch (state.kind) {
    case 'checking':
      return <StatusScreen tone="loading" title="Restoring your profile…" testId="recover-status" />;
    case 'ok':
      return (
        <div data-testid="recover-status" data-state="ok">
          <StatusScreen
            tone="ok"
            title={`Welcome back, ${state.displayName}`}
            actions={
              <>
                <Link href="/me" className="btn btn--primary" data-testid="open-me">
                  My page
                </Link>
                <Link href="/join" className="btn btn--secondary">
                  Join a game
                </Link>
              </>
            }
          >
            <p>
              This browser now plays as <strong>{state.displayName}</strong>: games you play here count for your profile.
              {state.replaced ? ` (It replaced the profile “${state.replaced}” on this device.)` : ''}
            </p>
          </StatusScreen>
        </div>
      );
    case 'error':
      return (
        <div data-testid="recover-status" data-state="error">
          <StatusScreen tone="error" title="That recovery link does not work">
            <p>{state.message}</p>
          </StatusScreen>
          <div className="boards__narrow">
            <ClaimProfile start="recover" />
          </div>
        </div>
      );
    case 'manual':
      return (
        <div className="boards__narrow" data-testid="recover-status" data-state="manual">
          <h1 className="page-title">Use your profile here</h1>
          <p className="page-lead">
            Your profile lives in the browser where you claimed it. To use it here, paste the recovery link you
            saved then.
          </p>
          <ClaimProfile start="recover" />
        </div>
      );
    default: {
      const never: never = state;
      return never;
    }
  }
}
