import { ClaimSeatBodySchema } from '@/protocol/boards';
import { bearer } from '@/server/bearer';
import { handleError, parseJsonBody } from '@/server/http';
import { getServices } from '@/server/services/container';

export const dynamic = 'force-dynamic';

/** Adds a finished game played on this device to the profile (the seat's rejoin token proves it) [R11.2]. */
export async function POST(req: Request): Promise<Response> {
  const body = await parseJsonBody(req, ClaimSeatBodySchema);
  if (body instanceof Response) return body;
  try {
    const linked = await getServices().profiles.claimSeat(bearer(req), body);
    return Response.json(linked, { status: linked.alreadyLinked ? 200 : 201, headers: { 'cache-control': 'no-store' } });
  } catch (e) {
    return handleError(e);
  }
}
