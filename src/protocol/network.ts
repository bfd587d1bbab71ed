/**
 * `GET /api/lan`: what a host page needs to show phones an address they can open when the app was opened via
 * localhost: the configured PUBLIC_URL (it wins), whether the server listens beyond this computer, and the
 * machine's IPv4 network addresses (most likely LAN first).
 */
export interface LanInfo {
  publicUrl: string | null;
  listensOnLan: boolean;
  addresses: string[];
}

/**
 * Checks a `GET /api/lan` body. A hand-written guard rather than a zod schema: the host and big-screen pages
 * would otherwise ship zod for this one response.
 */
export function isLanInfo(v: unknown): v is LanInfo {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return (
    (o.publicUrl === null || typeof o.publicUrl === 'string') &&
    typeof o.listensOnLan === 'boolean' &&
    Array.isArray(o.addresses) &&
    o.addresses.every((a) => typeof a === 'string')
  );
}
