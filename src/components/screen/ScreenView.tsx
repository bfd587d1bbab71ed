'use client';

import Link from 'next/link';
import { useJoinAddress } from '@/client/useJoinAddress';
import { useOrigin } from '@/client/useOrigin';
import { useScreenRoom } from '@/client/useScreenRoom';
import { useRoomSounds, useSoundSetting } from '@/components/sound/useSound';
import { PODIUM_STAGE_MS } from '@/components/ui/Podium';
import { StatusScreen } from '@/components/ui/StatusScreen';
import { ScreenStage } from './ScreenStage';

/** The projector view: public information only, huge type, 16:9. */
export function ScreenView({ code }: { code: string }) {
  const { status, connection, room, error } = useScreenRoom(code);
  const origin = useOrigin();
  const join = useJoinAddress(room?.state.joinUrl ?? '');
  // The big screen carries the room's sound: on unless muted here (it still waits for a first click).
  const sound = useSoundSetting('screen', true);
  // The fanfare lands with the winner's step on the staged podium.
  useRoomSounds(status === 'ready' ? (room?.state ?? null) : null, room?.at ?? 0, {
    fanfareDelayS: PODIUM_STAGE_MS[0] / 1000,
  });

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

  // The server's join link (PUBLIC_URL when set; this machine's network address instead of localhost) wins
  // over the address the projector happened to open.
  const joinOrigin = join.url ? new URL(join.url).origin : origin;
  return (
    <ScreenStage
      state={room.state}
      at={room.at}
      connection={connection}
      origin={joinOrigin}
      // The players read this screen: it speaks up only when they cannot join at all (the host must act).
      joinNote={join.kind === 'local-only' ? join.note : null}
      sound={sound}
    />
  );
}
