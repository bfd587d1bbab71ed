import { expect, test, type Page } from '@playwright/test';
import {
  BIG,
  Bot,
  LAPTOP,
  PHONE,
  createRoom,
  expectNoAxeViolations,
  expectNoSidewaysScroll,
  hostUrl,
  phoneContext,
  settle,
  uiShot,
} from './ui-support';

/**
 * Every page kind, on a 360- and a 390-px phone (nothing scrolls sideways) and through axe-core (zero
 * violations): the site pages, then a live game as the phone, the host console and the big screen see it, phase
 * by phase. Screenshots at phone, laptop and big-screen sizes go to tests/artifacts/ui/.
 */

/** Sideways scroll at 360 and 390 px, then axe at 390 px. */
async function checkPhone(page: Page, what: string): Promise<void> {
  for (const width of [360, PHONE.width]) {
    await page.setViewportSize({ width, height: PHONE.height });
    await expectNoSidewaysScroll(page, `${what} at ${width}px`);
  }
  await settle(page);
  await expectNoAxeViolations(page, what);
}

/**
 * Screenshots at phone, laptop and big-screen sizes (`<size>-<name>.png`), back to the page's own size after;
 * no sideways scroll at any of them.
 */
async function shots(page: Page, name: string): Promise<void> {
  const own = page.viewportSize() ?? LAPTOP;
  for (const [size, viewport] of [
    ['phone', PHONE],
    ['laptop', LAPTOP],
    ['big', BIG],
  ] as const) {
    await page.setViewportSize(viewport);
    await settle(page);
    await expectNoSidewaysScroll(page, `${name} at ${size} size`);
    await uiShot(page, `${size}-${name}`);
  }
  await page.setViewportSize(own);
}

async function checkWide(page: Page, what: string): Promise<void> {
  await settle(page);
  await expectNoSidewaysScroll(page, what);
  await expectNoAxeViolations(page, what);
}

test('site pages: no sideways scroll at 360/390 px, zero axe violations, screenshots at three sizes', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(240_000);
  const api = (await browser.newContext()).request;
  // A group with one finished game, so its board, insights and the results page have something to show.
  const groupRes = await api.post('/api/groups', { data: { name: 'Axe Study Group' } });
  expect(groupRes.status()).toBe(201);
  const group = (await groupRes.json()) as { id: string; adminToken: string };
  const roomRes = await api.post('/api/rooms', {
    data: {
      deckId: 'kubernetes-networking',
      settings: { mode: 'choice', timeLimitSec: 60, points: true, speedBonus: true, autoAdvance: false, autoAdvanceSec: 8 },
      questionCount: 1,
      group: { id: group.id, adminToken: group.adminToken },
    },
  });
  const room = (await roomRes.json()) as { code: string; hostToken: string };
  // Ada plays with a profile, so the group board has a row and /me has a history.
  const profileRes = await api.post('/api/profiles', { data: { displayName: 'Ada' } });
  expect(profileRes.status()).toBe(201);
  const profile = (await profileRes.json()) as { id: string; displayName: string; recoveryCode: string };
  const bots = [
    await Bot.join(baseURL ?? '', room.code, 'Ada', profile.recoveryCode),
    await Bot.join(baseURL ?? '', room.code, 'Linus'),
  ];
  const hostCtx = await browser.newContext({ viewport: LAPTOP });
  const host = await hostCtx.newPage();
  await host.goto(hostUrl(room));
  await host.getByTestId('host-start').click();
  await bots[0]?.answer({ choiceIndex: 0 });
  await bots[1]?.answer({ choiceIndex: 1 });
  await expect(host.getByTestId('host-view')).toHaveAttribute('data-phase', 'reveal');
  await host.getByTestId('host-next').click();
  await expect(host.getByTestId('host-view')).toHaveAttribute('data-phase', 'finished');
  for (const b of bots) b.close();
  await hostCtx.close();

  const pages: [string, string][] = [
    ['home', '/'],
    ['join', '/join'],
    ['decks', '/decks'],
    ['groups', '/groups'],
    ['group-new', '/groups/new'],
    ['group-board', `/groups/${group.id}`],
    ['group-insights', `/groups/${group.id}/insights`],
    ['group-join', `/groups/${group.id}/join`],
    ['deck-board', '/boards/kubernetes-networking'],
    ['results', `/results/${room.code}`],
    ['me', '/me'],
    ['me-profile', '/me'],
    ['recover', '/profiles/recover'],
    ['not-found', '/no-such-page'],
  ];
  const phone = await (await phoneContext(browser)).newPage();
  const laptop = await (await browser.newContext({ viewport: LAPTOP })).newPage();
  const big = await (await browser.newContext({ viewport: BIG })).newPage();
  const stored = JSON.stringify({ profileId: profile.id, displayName: profile.displayName, recoveryCode: profile.recoveryCode });
  /** `me-profile` is /me in a browser that holds Ada's profile; every other page is seen without one. */
  const asProfile = async (page: Page, on: boolean) => {
    if (page.url() === 'about:blank') await page.goto('/join');
    await page.evaluate(
      ([value, keep]) => (keep ? localStorage.setItem('quizroom:profile', value) : localStorage.removeItem('quizroom:profile')),
      [stored, on] as const,
    );
  };
  for (const [name, url] of pages) {
    for (const page of [phone, laptop, big]) await asProfile(page, name === 'me-profile');
    await phone.goto(url);
    await expect(phone.locator('main')).toBeVisible();
    if (name === 'me-profile') await expect(phone.getByTestId('history-row')).toHaveCount(1);
    if (name === 'group-board') await expect(phone.getByTestId('board-row')).toHaveCount(1);
    await checkPhone(phone, name);
    await uiShot(phone, `phone-${name}`);
    await laptop.goto(url);
    await checkWide(laptop, `${name} (laptop)`);
    await uiShot(laptop, `laptop-${name}`);
    await big.goto(url);
    await settle(big);
    await uiShot(big, `big-${name}`);
  }
});

test('a live game as the phone, the host and the big screen see it: every phase checked', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(240_000);
  const api = (await browser.newContext()).request;
  // Screenshots at three sizes take a while: the questions must not time out meanwhile.
  const room = await createRoom(api, { mode: 'mixed', positions: [0, 2], timeLimitSec: 300 });
  const hostCtx = await browser.newContext({ viewport: LAPTOP });
  const host = await hostCtx.newPage();
  await host.goto(hostUrl(room));
  await expect(host.getByTestId('host-view')).toHaveAttribute('data-phase', 'lobby');
  const screen = await (await browser.newContext({ viewport: BIG })).newPage();
  await screen.goto(`/screen/${room.code}`);
  await expect(screen.getByTestId('screen-view')).toHaveAttribute('data-phase', 'lobby');
  const phone = await (await phoneContext(browser)).newPage();

  // The join screen, then the lobby.
  await phone.goto(`/play/${room.code}`);
  await expect(phone.getByTestId('nickname-input')).toBeVisible();
  await checkPhone(phone, 'phone join');
  await shots(phone, 'phone-join');
  await phone.getByTestId('nickname-input').fill('Grace');
  await phone.getByTestId('join-submit').click();
  await expect(phone.getByTestId('waiting')).toBeVisible();
  const bots = [await Bot.join(baseURL ?? '', room.code, 'Ada'), await Bot.join(baseURL ?? '', room.code, 'Linus')];
  await expect(screen.getByTestId('lobby-player')).toHaveCount(3);
  await checkPhone(phone, 'phone lobby');
  await shots(phone, 'phone-lobby');
  await checkWide(host, 'host lobby');
  await shots(host, 'host-lobby');
  await checkWide(screen, 'screen lobby');
  await shots(screen, 'screen-lobby');

  await host.getByTestId('host-start').click();
  for (let q = 0; q < 2; q++) {
    await expect(phone.getByTestId('player-view')).toHaveAttribute('data-phase', 'question');
    await expect(screen.getByTestId('question-prompt')).toBeVisible();
    const typed = (await phone.getByTestId('text-answer').count()) > 0;
    const kind = typed ? 'text' : 'choice';
    await checkPhone(phone, `phone question (${kind})`);
    await shots(phone, `phone-question-${kind}`);
    await checkWide(host, `host question (${kind})`);
    await shots(host, `host-question-${kind}`);
    await checkWide(screen, `screen question (${kind})`);
    await shots(screen, `screen-question-${kind}`);

    if (typed) {
      await phone.getByTestId('text-answer').fill('every pod gets its own ip address');
      await phone.getByTestId('submit-answer').click();
    } else {
      await phone.locator('[data-testid^="choice-"]').first().click();
    }
    await expect(phone.getByTestId('locked-in')).toBeVisible();
    await checkPhone(phone, `phone locked in (${kind})`);
    await shots(phone, `phone-locked-${kind}`);
    for (const [i, b] of bots.entries()) await b.answer(typed ? { text: i ? 'no idea' : 'pods have ips' } : { choiceIndex: i + 1 });

    await expect(host.getByTestId('host-view')).toHaveAttribute('data-phase', 'reveal');
    await expect(phone.getByTestId('result')).toBeVisible();
    await expect(screen.getByTestId('reveal')).toBeVisible();
    await checkPhone(phone, `phone reveal (${kind})`);
    await shots(phone, `phone-reveal-${kind}`);
    await checkWide(host, `host reveal (${kind})`);
    await shots(host, `host-reveal-${kind}`);
    await checkWide(screen, `screen reveal (${kind})`);
    await shots(screen, `screen-reveal-${kind}`);

    await host.getByTestId('host-next').click();
    if (q === 0) {
      await expect(host.getByTestId('host-view')).toHaveAttribute('data-phase', 'leaderboard');
      await expect(screen.getByTestId('leader-row').first()).toBeVisible();
      await checkPhone(phone, 'phone leaderboard');
      await shots(phone, 'phone-leaderboard');
      await checkWide(host, 'host leaderboard');
      await shots(host, 'host-leaderboard');
      await checkWide(screen, 'screen leaderboard');
      await shots(screen, 'screen-leaderboard');
      await host.getByTestId('host-next').click();
    }
  }
  await expect(host.getByTestId('host-view')).toHaveAttribute('data-phase', 'finished');
  await expect(screen.getByTestId('podium')).toBeVisible();
  await expect(phone.getByTestId('final-rank')).toBeVisible();
  await checkPhone(phone, 'phone podium');
  await shots(phone, 'phone-podium');
  await checkWide(host, 'host finished');
  await shots(host, 'host-finished');
  await checkWide(screen, 'screen podium');
  await shots(screen, 'screen-podium');
  for (const b of bots) b.close();
});
