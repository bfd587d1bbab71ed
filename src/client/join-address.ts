import type { LanInfo } from '@/protocol/network';

/** How the join address was chosen, and the one line that tells the host what to do about it. */
export interface JoinAddress {
  url: string;
  /** 'as-is': the server's link; 'lan': localhost swapped for this machine's network address; 'local-only':
   *  still localhost, because no address phones can reach is known. */
  kind: 'as-is' | 'lan' | 'local-only';
  note: string | null;
}

/** A host name only this computer can open. */
export function isLoopbackName(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || h.startsWith('127.');
}

/** True when the server's join link points at this computer only (the host opened the app via localhost). */
export function needsLanAddress(joinUrl: string): boolean {
  try {
    return isLoopbackName(new URL(joinUrl).hostname);
  } catch {
    return false;
  }
}


/**
 * The address phones should open. The server's link wins when it is already reachable or when PUBLIC_URL is
 * set; a localhost link gets this machine's first network address (same port and path) when the server
 * listens on the network; otherwise it stays, with a note saying why and what to change.
 */
export function resolveJoinUrl(joinUrl: string, info: LanInfo | null): JoinAddress {
  if (!needsLanAddress(joinUrl) || !info || info.publicUrl) return { url: joinUrl, kind: 'as-is', note: null };
  if (!info.listensOnLan) {
    return {
      url: joinUrl,
      kind: 'local-only',
      note: `Phones can't open localhost and this server only listens on this computer: restart it with HOST=0.0.0.0, or set PUBLIC_URL to an address phones can open.`,
    };
  }
  const address = info.addresses[0];
  if (!address) {
    return {
      url: joinUrl,
      kind: 'local-only',
      note: `Phones can't open localhost and this computer has no network address: join a network, or set PUBLIC_URL to an address phones can open.`,
    };
  }
  const url = new URL(joinUrl);
  url.hostname = address;
  return {
    url: url.toString(),
    kind: 'lan',
    note: `Phones can't open localhost, so this is your network address. To choose another, set PUBLIC_URL (e.g. PUBLIC_URL=${url.origin}).`,
  };
}
