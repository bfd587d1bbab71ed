import { CreateAssignmentBodySchema } from '@/protocol';
import { handleError, parseJsonBody, requestOrigin } from '@/server/http';
import { getServices } from '@/server/services/container';

export const dynamic = 'force-dynamic';

/**
 * Creates a self-paced assignment (docs/ASSIGNMENTS.md) from a deck, a choice of its cards or a group's "cards we
 * miss most"; the response carries the host's secret token (shown to nobody else) and the players' link.
 */
export async function POST(req: Request): Promise<Response> {
  const body = await parseJsonBody(req, CreateAssignmentBodySchema);
  if (body instanceof Response) return body;
  try {
    const created = await getServices().assignments.create(body, requestOrigin(req));
    return Response.json(created, { status: 201, headers: { 'cache-control': 'no-store' } });
  } catch (e) {
    return handleError(e);
  }
}
