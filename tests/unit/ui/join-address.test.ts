import type { NetworkInterfaceInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import { isLoopbackHost, lanAddresses } from '../../../src/app/api/lan/addresses';
import { isLoopbackName, needsLanAddress, resolveJoinUrl } from '../../../src/client/join-address';

const lan = { publicUrl: null, listensOnLan: true, addresses: ['192.168.1.20', '10.0.0.5'] };

describe('the join address phones are shown', () => {
  it('swaps localhost for the first network address, keeping port and path, with a PUBLIC_URL note', () => {
    const j = resolveJoinUrl('http://localhost:3000/play/ABCDEF', lan);
    expect(j.url).toBe('http://192.168.1.20:3000/play/ABCDEF');
    expect(j.kind).toBe('lan');
    expect(j.note).toContain('PUBLIC_URL');
    expect(resolveJoinUrl('http://127.0.0.1:8080/play/ABCDEF', lan).url).toBe('http://192.168.1.20:8080/play/ABCDEF');
    expect(resolveJoinUrl('http://[::1]:3000/play/ABCDEF', lan).url).toBe('http://192.168.1.20:3000/play/ABCDEF');
  });

  it('keeps an address phones can already reach, and PUBLIC_URL always wins', () => {
    expect(resolveJoinUrl('http://192.168.1.7:3000/play/X', lan)).toEqual({
      url: 'http://192.168.1.7:3000/play/X',
      kind: 'as-is',
      note: null,
    });
    expect(resolveJoinUrl('http://localhost:3000/play/X', { ...lan, publicUrl: 'http://localhost:3000' }).url).toBe(
      'http://localhost:3000/play/X',
    );
  });

  it('keeps localhost until it knows better, and says why when it cannot help', () => {
    expect(resolveJoinUrl('http://localhost:3000/play/X', null).kind).toBe('as-is');
    const local = resolveJoinUrl('http://localhost:3000/play/X', { ...lan, listensOnLan: false });
    expect(local.kind).toBe('local-only');
    expect(local.note).toContain('HOST=0.0.0.0');
    const none = resolveJoinUrl('http://localhost:3000/play/X', { ...lan, addresses: [] });
    expect(none).toMatchObject({ url: 'http://localhost:3000/play/X', kind: 'local-only' });
    expect(none.note).toContain('PUBLIC_URL');
  });

  it('knows which names only this computer can open', () => {
    expect(['localhost', 'app.localhost', '127.0.0.1', '127.1.2.3', '[::1]', '::1'].every(isLoopbackName)).toBe(true);
    expect(['192.168.1.2', 'quiz.example.org', '10.0.0.1'].some(isLoopbackName)).toBe(false);
    expect(needsLanAddress('not a url')).toBe(false);
    expect(['127.0.0.1', 'localhost', '::1'].every(isLoopbackHost)).toBe(true);
    expect(['0.0.0.0', '::', '192.168.1.2'].some(isLoopbackHost)).toBe(false);
  });

  it('lists non-internal IPv4 addresses, private LAN ranges first, no link-local', () => {
    const v4 = (address: string, internal = false): NetworkInterfaceInfo => ({
      address,
      family: 'IPv4',
      internal,
      netmask: '255.255.255.0',
      mac: '00:00:00:00:00:00',
      cidr: null,
    });
    const v6 = (address: string, internal = false): NetworkInterfaceInfo => ({
      address,
      family: 'IPv6',
      internal,
      netmask: 'ffff::',
      mac: '00:00:00:00:00:00',
      cidr: null,
      scopeid: 0,
    });
    expect(
      lanAddresses({
        lo: [v4('127.0.0.1', true), v6('::1', true)],
        docker0: [v4('172.17.0.1')],
        eth0: [v4('203.0.113.9'), v6('fe80::1')],
        wlan0: [v4('192.168.1.20'), v4('169.254.3.3')],
        vpn: [v4('10.8.0.2')],
      }),
    ).toEqual(['192.168.1.20', '10.8.0.2', '172.17.0.1', '203.0.113.9']);
  });
});
