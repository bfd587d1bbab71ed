import { mkdirSync } from 'node:fs';
import { expect, test, type APIRequestContext, type Browser, type BrowserContext, type Page } from '@playwright/test';

/**
 * Cross-session boards in real browsers [R11]: a host creates a group; Alex claims a profile on one device and
 * plays a group game; the group's "play the cards we miss most" opens a second game; Alex opens the recovery
 * link on a second device (a phone) and plays it, next to a guest also called Alex. The group leaderboard
 * (updating live), Alex's personal page and the CSV exports show both games under one profile. Screenshots of
 * the leaderboard, the personal page and the insights are saved in tests/artifacts/.
 */

const ARTIFACTS = 'tests/artifacts';
mkdirSync(ARTIFACTS, { recursive: true });

async function shot(page: Page, name: string, fullPage = true): Promise<void> {
  await page.screenshot({ path: `${ARTIFACTS}/${name}.png`, fullPage });
}

interface Device {
  ctx: BrowserContext;
  page: Page;
}

async function device(browser: Browser, phone = false): Promise<Device> {
  const ctx = await browser.newContext(
    phone
      ? { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true }
      : { viewport: { width: 1280, height: 900 } },
  );
  return { ctx, page: await ctx.newPage() };
}

async function createGroupRoom(request: APIRequestContext, group: { id: string; adminToken: string }): Promise<{ code: string; hostToken: string }> {
  const res = await request.post('/api/rooms', {
    data: {
      deckId: 'kubernetes-networking',
      settings: { mode: 'choice', timeLimitSec: 60, points: true, speedBonus: true, autoAdvance: false, autoAdvanceSec: 8 },
      questionCount: 3,
      group,
    },
  });
  expect(res.status()).toBe(201);
  return (await res.json()) as { code: string; hostToken: string };
}

async function join(page: Page, code: string, nickname: string): Promise<void> {
  await page.goto(`/play/${code}`);
  await page.getByTestId('nickname-input').fill(nickname);
  await page.getByTestId('join-submit').click();
  await expect(page.getByTestId('player-view')).toHaveAttribute('data-phase', 'lobby');
}

/** Plays every question: each player answers right or wrong (choice or open text), the host moves on. */
async function play(host: Page, players: { page: Page; right: boolean | ((question: number) => boolean) }[]): Promise<void> {
  // The console hides the answer by default; the test reads it to answer right or wrong.
  await host.getByTestId('host-hide-answer').uncheck();
  await host.getByTestId('host-start').click();
  let previous = '';
  for (let q = 0; ; q++) {
    await expect(host.getByTestId('host-view')).toHaveAttribute('data-phase', 'question');
    // The public state (phase, prompt) can reach the host page a moment before the host's own state (the
    // answer): wait until the answer shown is the new question's.
    if (previous) await expect(host.getByTestId('host-correct')).not.toHaveText(previous);
    const correct = ((await host.getByTestId('host-correct').textContent()) ?? '').trim();
    previous = correct;
    for (const p of players) {
      const right = typeof p.right === 'function' ? p.right(q) : p.right;
      await expect(p.page.getByTestId('question-prompt')).toBeVisible();
      const tiles = p.page.locator('[data-testid^="choice-"]');
      if ((await p.page.getByTestId('text-answer').count()) > 0) {
        await p.page.getByTestId('text-answer').fill(right ? correct : 'no idea at all');
        await p.page.getByTestId('submit-answer').click();
      } else if (right) {
        await tiles.filter({ hasText: correct }).first().click();
      } else {
        await tiles.filter({ hasNotText: correct }).first().click();
      }
      // The last answer closes the question at once: "locked in" or already the result.
      await expect(p.page.getByTestId('locked-in').or(p.page.getByTestId('result'))).toBeVisible();
    }
    await expect(host.getByTestId('host-view')).toHaveAttribute('data-phase', 'reveal');
    await host.getByTestId('host-next').click();
    const phase = host.getByTestId('host-view');
    await expect(phase).toHaveAttribute('data-phase', /leaderboard|finished/);
    if ((await phase.getAttribute('data-phase')) === 'finished') return;
    await host.getByTestId('host-next').click();
    expect(q).toBeLessThan(20);
  }
}

/** Adds the games this device played to its profile, when the personal page offers them. */
async function saveDeviceGames(page: Page): Promise<void> {
  await page.goto('/me');
  await expect(page.getByTestId('personal-page')).toBeVisible();
  const offered = page.getByTestId('link-seat');
  for (let n = await offered.count(); n > 0; n--) {
    await offered.first().click();
    await expect(offered).toHaveCount(n - 1);
  }
  await expect(page.getByTestId('unsaved-games')).toHaveCount(0);
}

/** Minimal RFC 4180 reader for the exports. */
function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const s = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && s[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  const [header, ...body] = rows;
  return body.map((r) => Object.fromEntries((header ?? []).map((h, i) => [h, r[i] ?? ''])));
}

test('one profile across two group games on two devices: live leaderboard, personal page, insights, CSV', async ({ browser }) => {
  test.setTimeout(300_000);

  // ---- the host creates a group: join link and admin link are shown once
  const admin = await device(browser);
  await admin.page.setViewportSize({ width: 1366, height: 900 });
  await admin.page.goto('/groups/new');
  await admin.page.getByTestId('group-name-input').fill('Thursday Study Group');
  await admin.page.getByTestId('create-group').click();
  const created = admin.page.getByTestId('group-created');
  await expect(created).toBeVisible();
  const groupId = (await created.getAttribute('data-group-id')) ?? '';
  expect(groupId).toMatch(/^[A-Za-z0-9_-]{8,}$/);
  await expect(admin.page.getByTestId('join-link')).toHaveValue(new RegExp(`/groups/${groupId}/join$`));
  const adminLink = await admin.page.getByTestId('admin-link').inputValue();
  const adminToken = decodeURIComponent(new URL(adminLink).hash.replace('#admin=', ''));
  await shot(admin.page, 'groups-created', false);

  // ---- game 1 counts for the group
  const room1 = await createGroupRoom(admin.page.request, { id: groupId, adminToken });
  const host = await admin.ctx.newPage();
  await host.goto(`/host/${room1.code}#token=${encodeURIComponent(room1.hostToken)}`);
  await expect(host.getByTestId('host-view')).toHaveAttribute('data-phase', 'lobby');

  // Alex claims a profile on device 1 (recovery link shown once), then joins.
  const alex1 = await device(browser);
  await alex1.page.goto(`/groups/${groupId}/join`);
  await expect(alex1.page.getByTestId('join-group')).toBeVisible();
  await alex1.page.getByTestId('profile-name-input').fill('Alex');
  await alex1.page.getByTestId('claim-submit').click();
  const recovery = await alex1.page.getByTestId('recovery-link').inputValue();
  expect(recovery).toMatch(/\/profiles\/recover#code=[A-Za-z0-9_-]{40,}$/);
  await shot(alex1.page, 'groups-join-claimed', false);
  await alex1.page.getByTestId('recovery-saved').click();
  await expect(alex1.page.getByTestId('recovery-link')).toHaveCount(0);
  await join(alex1.page, room1.code, 'Alex');

  // Sam plays without a profile and claims one after the game.
  const sam = await device(browser);
  await join(sam.page, room1.code, 'Sam');
  await play(host, [
    { page: alex1.page, right: true },
    { page: sam.page, right: false },
  ]);
  await expect(alex1.page.getByTestId('player-view')).toHaveAttribute('data-phase', 'finished');

  await saveDeviceGames(alex1.page);
  await expect(alex1.page.getByTestId('history-row')).toHaveCount(1);
  const alexId = (await alex1.page.getByTestId('personal-page').getAttribute('data-profile-id')) ?? '';

  await sam.page.goto('/me');
  await sam.page.getByTestId('profile-name-input').fill('Sam');
  await sam.page.getByTestId('claim-submit').click();
  await expect(sam.page.getByTestId('personal-page')).toBeVisible();
  await expect(sam.page.getByTestId('recovery-link')).toHaveValue(/\/profiles\/recover#code=/); // shown once, here too
  await sam.page.getByTestId('recovery-saved').click();
  await saveDeviceGames(sam.page);
  await expect(sam.page.getByTestId('history-row')).toHaveCount(1);

  // ---- the group leaderboard, open on the admin's laptop from now on (it must update by itself)
  const board = await admin.ctx.newPage();
  await board.setViewportSize({ width: 1366, height: 900 });
  await board.goto(`/groups/${groupId}`);
  await expect(board.getByTestId('live-status')).toHaveAttribute('data-state', 'live');
  await expect(board.getByTestId('board-row')).toHaveCount(2);
  await expect(board.locator('[data-testid="board-row"][data-rank="1"]')).toHaveAttribute('data-profile-id', alexId);
  await expect(board.getByTestId('group-admin')).toBeVisible();

  // ---- insights: "play the cards we miss most" opens game 2 for the group
  const insights = await admin.ctx.newPage();
  await insights.setViewportSize({ width: 1366, height: 900 });
  await insights.goto(`/groups/${groupId}/insights`);
  await expect(insights.getByTestId('card-insight')).toHaveCount(3);
  await expect(insights.getByTestId('sessions-chart')).toHaveAttribute('data-points', '1');
  await insights.getByTestId('practice-button').click();
  await insights.waitForURL(/\/host\/[A-Z0-9]{6}/);
  const code2 = /\/host\/([A-Z0-9]{6})/.exec(insights.url())?.[1] ?? '';
  const host2 = insights;
  await expect(host2.getByTestId('host-view')).toHaveAttribute('data-phase', 'lobby');

  // ---- Alex on a second device (a phone) through the recovery link; a different "Alex" joins as a guest
  const alex2 = await device(browser, true);
  await alex2.page.goto(recovery);
  await expect(alex2.page.getByTestId('recover-status')).toHaveAttribute('data-state', 'ok');
  await expect(alex2.page).not.toHaveURL(/code=/);
  await join(alex2.page, code2, 'Alex K');
  const otherAlex = await device(browser);
  await join(otherAlex.page, code2, 'Alex');
  await play(host2, [
    { page: alex2.page, right: (q) => q !== 1 }, // Alex misses one card this time
    { page: otherAlex.page, right: false },
  ]);

  // The board learns that game 2 ended without a reload...
  await expect(board.getByTestId('board-meta')).toContainText('2 games', { timeout: 20_000 });
  // ...and that Alex (device 2) added it to the profile.
  await saveDeviceGames(alex2.page);
  const alexRow = board.locator(`[data-testid="board-row"][data-profile-id="${alexId}"]`);
  await expect(alexRow).toHaveAttribute('data-games', '2', { timeout: 20_000 });
  await expect(alexRow).toHaveAttribute('data-rank', '1');
  await expect(board.getByTestId('board-row')).toHaveCount(2); // the guest Alex is not merged into Alex, nor on the board
  await expect(board.getByTestId('live-status')).not.toHaveAttribute('data-updates', '0');
  await board.getByTestId('group-name').scrollIntoViewIfNeeded();
  await shot(board, 'groups-leaderboard');

  // ---- the personal page on the phone: both games under one profile
  await expect(alex2.page.getByTestId('personal-page')).toHaveAttribute('data-profile-id', alexId);
  await expect(alex2.page.getByTestId('history-row')).toHaveCount(2);
  await expect(alex2.page.locator(`[data-testid="history-row"][data-code="${room1.code}"]`)).toBeVisible();
  await expect(alex2.page.locator(`[data-testid="history-row"][data-code="${code2}"]`)).toBeVisible();
  await expect(alex2.page.getByTestId('accuracy-chart')).toHaveAttribute('data-points', '2');
  await expect(alex2.page.getByTestId('me-games')).toHaveText('2');
  await expect(alex2.page.getByTestId('missed-card')).toHaveCount(1);
  await shot(alex2.page, 'groups-personal-phone');
  // The same page on the first device (desktop) shows the same two games.
  await alex1.page.goto('/me');
  await expect(alex1.page.getByTestId('history-row')).toHaveCount(2);
  await shot(alex1.page, 'groups-personal');

  // ---- insights after two games
  await insights.goto(`/groups/${groupId}/insights`);
  await expect(insights.getByTestId('sessions-chart')).toHaveAttribute('data-points', '2');
  await expect(insights.getByTestId('insights-games')).toHaveText('2');
  await shot(insights, 'groups-insights');

  // ---- CSV and JSON: both games under one profile
  const answersCsv = await board.request.get(`/api/groups/${groupId}/export?format=csv&rows=answers`);
  expect(answersCsv.headers()['content-type']).toContain('text/csv');
  const answers = parseCsv(await answersCsv.text());
  const alexAnswers = answers.filter((a) => a.profile_id === alexId);
  expect(new Set(alexAnswers.map((a) => a.room))).toEqual(new Set([room1.code, code2]));
  expect(new Set(alexAnswers.map((a) => a.nickname))).toEqual(new Set(['Alex', 'Alex K']));
  expect(alexAnswers.map((a) => a.verdict).sort()).toEqual(['correct', 'correct', 'correct', 'correct', 'correct', 'incorrect']);
  const guestAlex = answers.filter((a) => a.nickname === 'Alex' && a.room === code2);
  expect(guestAlex.length).toBeGreaterThan(0);
  expect(guestAlex.every((a) => a.profile_id === '')).toBe(true);

  const playersCsv = parseCsv(await (await board.request.get(`/api/groups/${groupId}/export?format=csv&rows=players`)).text());
  expect(playersCsv[0]).toMatchObject({ rank: '1', profile_id: alexId, profile_name: 'Alex', games: '2' });

  const json = (await (await board.request.get(`/api/groups/${groupId}/export?format=json`)).json()) as {
    players: { profileId: string; games: number }[];
    answers: { room: string; profileId: string | null }[];
  };
  expect(json.players.find((p) => p.profileId === alexId)?.games).toBe(2);
  expect(json.answers.length).toBe(answers.length);

  const roomCsv = parseCsv(await (await board.request.get(`/api/rooms/${room1.code}/export?format=csv&rows=players`)).text());
  expect(roomCsv.map((r) => [r.nickname, r.profile_id === alexId])).toContainEqual(['Alex', true]);

  // ---- admin: a season of this month shows the same two games; errors are clear
  const month = new Date().toISOString().slice(0, 7);
  await board.goto(`/groups/${groupId}?season=month:${month}`);
  await expect(board.locator(`[data-testid="board-row"][data-profile-id="${alexId}"]`)).toHaveAttribute('data-games', '2');
  await board.goto(`/groups/${groupId}?season=season:nope`);
  await expect(board.getByTestId('group-error')).toBeVisible();
  const denied = await board.request.patch(`/api/groups/${groupId}`, { data: { name: 'Hijacked' }, headers: { authorization: 'Bearer not-the-admin-token-at-all' } });
  expect(denied.status()).toBe(403);

  for (const d of [admin, alex1, sam, alex2, otherAlex]) await d.ctx.close();
});
