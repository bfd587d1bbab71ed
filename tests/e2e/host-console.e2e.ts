import { expect, test, type Locator } from '@playwright/test';
import { BIG, Bot, LAPTOP, createRoom, hostUrl, uiShot } from './ui-support';

/**
 * The host console on a 1366x768 laptop: the control bar never covers an answer, the join card folds away
 * once the game runs, the buttons say what they do, the answer can be hidden (and is by default); and the
 * join address when the app was opened via localhost.
 */

function overlap(a: { x: number; y: number; width: number; height: number }, b: typeof a): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

async function box(l: Locator) {
  const b = await l.boundingBox();
  expect(b, 'element is rendered').not.toBeNull();
  return b ?? { x: 0, y: 0, width: 0, height: 0 };
}

const ANSWERS = [
  'every pod gets its own ip and pods reach each other directly without nat, across nodes too',
  'container network interface: the plugin standard kubelet calls to wire pod networking',
  'a spec plus libraries for network plugins',
  'it is the thing that gives pods their ip addresses from the pod cidr, via ipam',
  'no idea',
  'cluster network interface',
  'a plugin standard for container networking, implemented by calico, flannel and cilium',
];

test('1366x768: answers never under the control bar; join card folds; honest labels; the answer hidden by default', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const api = (await browser.newContext()).request;
  const room = await createRoom(api, { mode: 'text', positions: [2, 3] });
  const hostCtx = await browser.newContext({ viewport: LAPTOP });
  const host = await hostCtx.newPage();
  await host.goto(hostUrl(room));
  await expect(host.getByTestId('host-view')).toHaveAttribute('data-phase', 'lobby');
  await expect(host.getByTestId('join-card')).toBeVisible();
  await expect(host.getByTestId('qr')).toBeVisible();

  const bots: Bot[] = [];
  for (const [i, name] of ['Ada', 'Linus', 'Grace', 'Barbara', 'Edsger', 'Margaret', 'Dennis'].entries()) {
    bots.push(await Bot.join(baseURL ?? '', room.code, `${name}${i}`));
  }
  await expect(host.getByTestId('lobby-player')).toHaveCount(7);
  await host.getByTestId('host-start').click();
  await expect(host.getByTestId('host-view')).toHaveAttribute('data-phase', 'question');

  // The join card has folded into a strip; one click brings it back, another folds it again.
  await expect(host.getByTestId('join-card')).toHaveCount(0);
  await host.getByTestId('show-join').click();
  await expect(host.getByTestId('qr')).toBeVisible();
  await expect(host.getByTestId('room-code')).toHaveText(room.code);
  await host.getByTestId('hide-join').click();
  await expect(host.getByTestId('join-card')).toHaveCount(0);

  // During a question the controls say what they do: no "Next" that secretly shows the results.
  await expect(host.getByTestId('host-reveal')).toContainText('Show results now');
  await expect(host.getByTestId('host-skip')).toContainText('Skip');
  await expect(host.getByTestId('host-next')).toHaveCount(0);

  // The answer is hidden by default, shown on request, and the choice survives a reload.
  await expect(host.getByTestId('host-hide-answer')).toBeChecked();
  await expect(host.getByTestId('host-correct')).toHaveCount(0);
  await expect(host.getByTestId('host-answer-hidden')).toBeVisible();
  await uiShot(host, 'laptop-host-question-hidden');
  await host.getByTestId('host-hide-answer').uncheck();
  await expect(host.getByTestId('host-correct')).not.toBeEmpty();
  await host.reload();
  await expect(host.getByTestId('host-view')).toHaveAttribute('data-phase', 'question');
  await expect(host.getByTestId('host-hide-answer')).not.toBeChecked();
  await expect(host.getByTestId('host-correct')).not.toBeEmpty();
  await host.getByTestId('host-hide-answer').check();

  for (const [i, b] of bots.entries()) await b.answer({ text: ANSWERS[i] ?? 'pods' });
  await expect(host.getByTestId('host-view')).toHaveAttribute('data-phase', 'reveal');
  await expect(host.getByTestId('host-answer')).toHaveCount(7);
  await expect(host.getByTestId('host-next')).toContainText('Next');
  await uiShot(host, 'laptop-host-reveal-many');

  // Every answer row, the last one included, can be brought into view clear of the control bar.
  const bar = host.getByRole('toolbar', { name: 'Game controls' });
  const rows = host.getByTestId('host-answer');
  for (const i of [0, 3, 6]) {
    const row = rows.nth(i);
    await row.scrollIntoViewIfNeeded();
    const r = await box(row);
    const b = await box(bar);
    expect(overlap(r, b), `answer ${i + 1} under the control bar: row ${JSON.stringify(r)}, bar ${JSON.stringify(b)}`).toBe(false);
    expect(r.y).toBeGreaterThanOrEqual(0);
    expect(r.y + r.height).toBeLessThanOrEqual(LAPTOP.height);
  }
  // The same with the keyboard's way of scrolling (focus moves into the row's buttons).
  await rows.last().getByTestId('override-accept').focus();
  const focused = await box(rows.last());
  expect(overlap(focused, await box(bar))).toBe(false);
  await uiShot(host, 'laptop-host-reveal-last-answer');

  // Overrides still work from down there.
  await rows.last().getByTestId('override-accept').click();
  await expect(rows.last()).toHaveAttribute('data-verdict', 'correct');

  await host.getByTestId('host-next').click();
  await expect(host.getByTestId('host-view')).toHaveAttribute('data-phase', 'leaderboard');
  await expect(host.getByTestId('host-next')).toContainText('Next question');
  for (const b of bots) b.close();
  await hostCtx.close();
});

test('join address: localhost becomes the LAN address, PUBLIC_URL wins, and the host is told how to set it', async ({
  browser,
}) => {
  const ctx = await browser.newContext({ viewport: LAPTOP });
  const api = ctx.request;

  // The route itself: this machine's non-internal IPv4 addresses.
  const res = await api.get('/api/lan');
  expect(res.status()).toBe(200);
  const info = (await res.json()) as { publicUrl: string | null; listensOnLan: boolean; addresses: string[] };
  expect(info.publicUrl).toBeNull();
  for (const a of info.addresses) {
    expect(a).toMatch(/^\d{1,3}(\.\d{1,3}){3}$/);
    expect(a.startsWith('127.')).toBe(false);
  }

  // The e2e server was opened via 127.0.0.1 and binds 127.0.0.1 only: the link stays, with the reason.
  const local = await createRoom(api);
  const host = await ctx.newPage();
  await host.goto(hostUrl(local));
  await expect(host.getByTestId('join-note')).toContainText('HOST=0.0.0.0');
  await expect(host.getByTestId('join-note')).toContainText('PUBLIC_URL');
  await expect(host.getByTestId('join-url')).toContainText(`127.0.0.1`);
  const localScreen = await ctx.newPage();
  await localScreen.goto(`/screen/${local.code}`);
  await expect(localScreen.getByTestId('join-note')).toContainText('HOST=0.0.0.0');
  await localScreen.close();

  // A server listening on the network: the host, the big screen and the QR show the LAN address.
  await ctx.route('**/api/lan', (route) =>
    route.fulfill({ json: { publicUrl: null, listensOnLan: true, addresses: ['192.168.1.20', '10.0.0.5'] } }),
  );
  await host.reload();
  const port = new URL(local.joinUrl).port;
  await expect(host.getByTestId('join-url')).toHaveText(`http://192.168.1.20:${port}/play/${local.code}`);
  await expect(host.getByTestId('qr')).toHaveAttribute('aria-label', new RegExp(`192\\.168\\.1\\.20:${port}/play/${local.code}`));
  await expect(host.getByTestId('join-note')).toContainText(`PUBLIC_URL=http://192.168.1.20:${port}`);
  await uiShot(host, 'laptop-host-lobby-lan');
  const screen = await ctx.newPage();
  await screen.setViewportSize(BIG);
  await screen.goto(`/screen/${local.code}`);
  await expect(screen.locator('.sl__host')).toHaveText(`192.168.1.20:${port}/join`);
  await expect(screen.getByTestId('qr')).toHaveAttribute('aria-label', new RegExp(`192\\.168\\.1\\.20:${port}`));
  // The players read the big screen: no configuration hint for them once the address works.
  await expect(screen.getByTestId('join-note')).toHaveCount(0);
  await uiShot(screen, 'big-screen-lobby-lan');

  // PUBLIC_URL set: the server's link wins, no note.
  await ctx.unroute('**/api/lan');
  await ctx.route('**/api/lan', (route) =>
    route.fulfill({ json: { publicUrl: 'https://quiz.example.org', listensOnLan: true, addresses: ['192.168.1.20'] } }),
  );
  await host.reload();
  await expect(host.getByTestId('join-url')).toHaveText(local.joinUrl);
  await expect(host.getByTestId('join-note')).toHaveCount(0);
  await ctx.close();
});
