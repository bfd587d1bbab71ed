import { getServices } from '@/server/services/container';

export const dynamic = 'force-dynamic';

export function GET(): Response {
  const s = getServices();
  return Response.json({ ok: true, db: s.dbKind });
}
