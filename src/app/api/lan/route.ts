import { networkInterfaces } from 'node:os';
import type { LanInfo } from '@/protocol/network';
import { handleError } from '@/server/http';
import { getServices } from '@/server/services/container';
import { isLoopbackHost, lanAddresses } from './addresses';

export const dynamic = 'force-dynamic';

/**
 * `{ publicUrl, listensOnLan, addresses }`: lets a host page opened via localhost show phones this machine's
 * network address instead (see src/client/join-address.ts). Private addresses only say where this server is
 * on the local network, which anyone on it can find anyway.
 */
export function GET(): Response {
  try {
    const { env } = getServices();
    const body: LanInfo = {
      publicUrl: env.PUBLIC_URL ?? null,
      listensOnLan: !isLoopbackHost(env.HOST),
      addresses: lanAddresses(networkInterfaces()),
    };
    return Response.json(body, { headers: { 'cache-control': 'no-store' } });
  } catch (e) {
    return handleError(e);
  }
}
