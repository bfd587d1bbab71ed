/** The secret of an `Authorization: Bearer <secret>` header (profile recovery codes, group admin tokens), or null. */
export function bearer(req: Request): string | null {
  const h = req.headers.get('authorization');
  if (!h) return null;
  const m = /^Bearer\s+(\S{16,128})\s*$/i.exec(h);
  return m ? (m[1] ?? null) : null;
}
