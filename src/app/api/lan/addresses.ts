import type { NetworkInterfaceInfo } from 'node:os';

/** Private ranges first (192.168/16, 10/8, 172.16/12): the address a phone on the same Wi-Fi most likely reaches. */
function preference(ip: string): number {
  if (ip.startsWith('192.168.')) return 0;
  if (ip.startsWith('10.')) return 1;
  const m = /^172\.(\d+)\./.exec(ip);
  if (m && Number(m[1]) >= 16 && Number(m[1]) <= 31) return 2;
  return 3;
}

/** The non-internal IPv4 addresses of `os.networkInterfaces()`, link-local ones left out, likeliest first. */
export function lanAddresses(interfaces: NodeJS.Dict<NetworkInterfaceInfo[]>): string[] {
  const found = new Set<string>();
  for (const list of Object.values(interfaces)) {
    for (const a of list ?? []) {
      // Node 18.0-18.3 reported the family as a number.
      const v4 = a.family === 'IPv4' || (a.family as unknown) === 4;
      if (v4 && !a.internal && !a.address.startsWith('169.254.')) found.add(a.address);
    }
  }
  return [...found].sort((x, y) => preference(x) - preference(y));
}

/** Whether a bind address (HOST) is this computer only. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}
