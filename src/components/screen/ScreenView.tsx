'use client';

import Link from 'next/link';
import { useOrigin } from '@/client/useOrigin';
import { useScreenRoom } from '@/client/useScreenRoom';
import { StatusScreen } from '@/components/ui/StatusScreen';
import { ScreenStage } from './ScreenStage';

/** The projector view: public information only, huge type, 16:9. */
export function ScreenView({ code }: { code: string }) {
  const { status, connection, room, error } = useScreenRoom(code);
  const origin = useOrigin();

  if (!room || status !== 'ready') {
    return (
      <main
        className="screen screen--status"
        data-testid="screen-view"
        data-phase="none"
        data-status={status}
        id="main"
      >
        {status === 'not-found' ? (
          <StatusScreen tone="warn" title={`No game with code ${code}`}>
            <p>{error?.message ?? 'Check the code in the host console.'}</p>
          </StatusScreen>
        ) : status === 'finished' ? (
          <StatusScreen
            tone="info"
            title="This game has ended"
            actions={
              <Link className="btn btn--primary btn--lg" href={`/results/${code}`}>
                See the results
              </Link>
            }
          />
        ) : status === 'error' ? (
          <StatusScreen tone="error" title="Could not open the big screen">
            <p>{error?.message}</p>
          </StatusScreen>
        ) : (
          <StatusScreen tone="loading" title={`Connecting to room ${code}…`} />
        )}
      </main>
    );
  }

  // The server's join link (PUBLIC_URL when set) wins over the address the projector happened to open.
  const joinOrigin = room.state.joinUrl ? new URL(room.state.joinUrl).origin : origin;
  return <ScreenStage state={room.state} at={room.at} connection={connection} origin={joinOrigin} />;
}
