import { gzipSync } from 'node:zlib';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { BIG, Bot, LAPTOP, UI_ARTIFACTS, createRoom, hostUrl, phoneContext, settle, uiShot } from './ui-support';

/**
 * How the game feels: sounds (never before a gesture, phones muted by default, one remembered toggle), motion
 * (and none of it under prefers-reduced-motion), honest words about a player's place, and the phone's
 * JavaScript budget with all of that in.
 */

/** Records AudioContexts created and the cues the sound engine played (its `quizroom:sound` events). */
async function listenForSound(ctx: BrowserContext): Promise<void> {
  await ctx.addInitScript(() => {
    const w = window as unknown as { __audio: { contexts: number; cues: string[] } };
    w.__audio = { contexts: 0, cues: [] };
    const Real = window.AudioContext;
    window.AudioContext = class extends Real {
      constructor(options?: AudioContextOptions) {
        super(options);
        w.__audio.contexts += 1;
      }
    };
    window.addEventListener('quizroom:sound', (e) => w.__audio.cues.push(String((e as CustomEvent).detail)));
  });
}

function audio(page: Page): Promise<{ contexts: number; cues: string[] }> {
  return page.evaluate(() => (window as unknown as { __audio: { contexts: number; cues: string[] } }).__audio);
}

test('sound: nothing before a gesture, phones muted by default, ticks in the last 5 s, sting, fanfare; mute remembered', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const api = (await browser.newContext()).request;
  const room = await createRoom(api, { mode: 'choice', questionCount: 1, timeLimitSec: 7 });

  const screenCtx = await browser.newContext({ viewport: BIG });
  await listenForSound(screenCtx);
  const screen = await screenCtx.newPage();
  await screen.goto(`/screen/${room.code}`);
  await expect(screen.getByTestId('screen-view')).toHaveAttribute('data-phase', 'lobby');
  // On by default on the big screen, but silent until someone clicks: it says so.
  const toggle = screen.getByTestId('sound-toggle');
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await expect(toggle).toHaveAttribute('data-ready', 'false');
  await expect(toggle).toContainText('click to start');
  await screen.waitForTimeout(1000);
  expect(await audio(screen)).toEqual({ contexts: 0, cues: [] });
  await screen.mouse.click(BIG.width / 2, BIG.height / 2);
  await expect(toggle).toHaveAttribute('data-ready', 'true');
  await expect.poll(async () => (await audio(screen)).cues).toContain('lobby');
  expect((await audio(screen)).contexts).toBe(1);

  // A phone: muted by default, even after the gestures of joining.
  const phoneCtx = await phoneContext(browser);
  await listenForSound(phoneCtx);
  const phone = await phoneCtx.newPage();
  await phone.goto(`/play/${room.code}`);
  await phone.getByTestId('nickname-input').fill('Grace');
  await phone.getByTestId('join-submit').click();
  await expect(phone.getByTestId('waiting')).toBeVisible();
  await expect(phone.getByTestId('sound-toggle')).toHaveAttribute('aria-pressed', 'false');
  const bot = await Bot.join(baseURL ?? '', room.code, 'Ada');

  const host = await (await browser.newContext({ viewport: LAPTOP })).newPage();
  await host.goto(hostUrl(room));
  await host.getByTestId('host-start').click();
  // The question runs out (7 s): the screen ticks at 5, 4, 3, 2 and 1 s, then the reveal sting.
  await expect(host.getByTestId('host-view')).toHaveAttribute('data-phase', 'reveal', { timeout: 15_000 });
  await expect.poll(async () => (await audio(screen)).cues).toContain('reveal');
  const cues = (await audio(screen)).cues;
  expect(cues.filter((c) => c === 'tick').length).toBeGreaterThanOrEqual(3);
  expect(cues.filter((c) => c === 'tick').length).toBeLessThanOrEqual(4);
  expect(cues.filter((c) => c === 'last-tick')).toHaveLength(1);
  expect(cues.indexOf('last-tick')).toBeLessThan(cues.indexOf('reveal'));
  await host.getByTestId('host-next').click();
  await expect(screen.getByTestId('podium')).toBeVisible();
  await expect.poll(async () => (await audio(screen)).cues, { timeout: 10_000 }).toContain('fanfare');

  // The phone played nothing and made no AudioContext.
  expect(await audio(phone)).toEqual({ contexts: 0, cues: [] });
  // Its one toggle turns sound on, and the choice is remembered.
  await phone.getByTestId('sound-toggle').click();
  await expect(phone.getByTestId('sound-toggle')).toHaveAttribute('aria-pressed', 'true');
  await phone.reload();
  await expect(phone.getByTestId('sound-toggle')).toHaveAttribute('aria-pressed', 'true');
  // The big screen's mute is remembered too.
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await screen.reload();
  await expect(screen.getByTestId('sound-toggle')).toHaveAttribute('aria-pressed', 'false');
  bot.close();
});

/**
 * Answers the open question (the phone and the bots each right or wrong, read from the host's console, whose
 * answer is shown) and waits for the reveal.
 */
async function playQuestion(
  host: Page,
  phone: Page,
  bots: Bot[],
  { phoneRight, botsRight }: { phoneRight: boolean; botsRight: boolean },
): Promise<void> {
  await expect(host.getByTestId('host-view')).toHaveAttribute('data-phase', 'question');
  const correct = ((await host.getByTestId('host-correct').textContent()) ?? '').trim();
  const tiles = phone.locator('[data-testid^="choice-"]');
  await (phoneRight ? tiles.filter({ hasText: correct }) : tiles.filter({ hasNotText: correct })).first().click();
  const right = await host.locator('.host-choice').evaluateAll(
    (els, text) => els.findIndex((e) => e.textContent?.includes(text)),
    correct,
  );
  for (const b of bots) await b.answer({ choiceIndex: botsRight ? right : right + 1 });
  await expect(host.getByTestId('host-view')).toHaveAttribute('data-phase', 'reveal');
}

/** Starts the game, plays the first question (the bots right) and stops at the leaderboard. */
async function toLeaderboard(host: Page, phone: Page, bots: Bot[], phoneRight: boolean): Promise<void> {
  await host.getByTestId('host-hide-answer').uncheck();
  await host.getByTestId('host-start').click();
  await playQuestion(host, phone, bots, { phoneRight, botsRight: true });
  await host.getByTestId('host-next').click();
  await expect(host.getByTestId('host-view')).toHaveAttribute('data-phase', 'leaderboard');
}

test('motion: leaderboard rows slide to their new places and scores count up; under reduced motion nothing moves', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(180_000);
  for (const reduced of [false, true]) {
    const api = (await browser.newContext()).request;
    const room = await createRoom(api, { mode: 'choice', positions: [0, 1, 2, 3] });
    const options = reduced ? { reducedMotion: 'reduce' as const } : {};
    const screen = await (await browser.newContext({ viewport: BIG, ...options })).newPage();
    await screen.goto(`/screen/${room.code}`);
    const phoneCtx = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      ...options,
    });
    const phone = await phoneCtx.newPage();
    await phone.goto(`/play/${room.code}`);
    await phone.getByTestId('nickname-input').fill('Grace');
    await phone.getByTestId('join-submit').click();
    await expect(phone.getByTestId('waiting')).toBeVisible();
    const bots = [await Bot.join(baseURL ?? '', room.code, 'Ada'), await Bot.join(baseURL ?? '', room.code, 'Linus')];
    const host = await (await browser.newContext({ viewport: LAPTOP })).newPage();
    await host.goto(hostUrl(room));
    // Grace starts last, then answers right twice while the others miss: she climbs, and the rows that
    // moved slide from their old places (unless motion is reduced).
    await toLeaderboard(host, phone, bots, false);
    let moved = 0;
    for (let q = 0; q < 2; q++) {
      await host.getByTestId('host-next').click();
      await playQuestion(host, phone, bots, { phoneRight: true, botsRight: false });
      await host.getByTestId('host-next').click();
      await expect(host.getByTestId('host-view')).toHaveAttribute('data-phase', 'leaderboard');
      await expect(screen.getByTestId('leader-row').first()).toBeVisible();
      const rows = await screen.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>('.leader')].map((e) => ({
          moved: e.querySelector('.move--up, .move--down') !== null,
          slides: e
            .getAnimations()
            .map((a) => (a.effect instanceof KeyframeEffect ? String(a.effect.getKeyframes()[0]?.transform ?? '') : '')),
        })),
      );
      const counting = await screen.locator('[data-counting]').count();
      for (const r of rows) {
        if (reduced || !r.moved) expect(r.slides).toEqual([]);
        else expect(r.slides).toEqual([expect.stringMatching(/^translateY\(-?\d+(\.\d+)?px\)$/)]);
        if (r.moved) moved += 1;
      }
      if (reduced) expect(counting).toBe(0);
      else expect(counting).toBeGreaterThan(0);
      // The frame the room sees first: rows still in the previous order, about to slide.
      if (!reduced && rows.some((r) => r.moved)) {
        await screen.screenshot({ path: `${UI_ARTIFACTS}/big-screen-leaderboard-moving.png`, animations: 'allow' });
      }
    }
    expect(moved, 'some rows changed places').toBeGreaterThan(0);
    await expect(screen.locator('[data-testid="leader-row"][data-nickname="Grace"]')).toHaveAttribute('data-rank', '1');
    // Once settled, every score shows its value either way.
    await settle(screen);
    await expect(screen.locator('[data-counting]')).toHaveCount(0);
    for (const row of await screen.getByTestId('leader-row').all()) {
      await expect(row.locator('.leader__score')).toHaveText(
        Number(await row.getAttribute('data-score')).toLocaleString('en-US'),
      );
    }
    if (!reduced) await uiShot(screen, `big-screen-leaderboard-settled`);
    // The staged podium at the end: animated, or simply there.
    await host.getByTestId('host-next').click();
    await playQuestion(host, phone, bots, { phoneRight: true, botsRight: true });
    await host.getByTestId('host-next').click();
    await expect(screen.getByTestId('podium')).toBeVisible();
    const podiumMoving = await screen.evaluate(
      () => document.getAnimations().filter((a) => a.playState === 'running').length,
    );
    if (reduced) expect(podiumMoving).toBe(0);
    else expect(podiumMoving).toBeGreaterThan(0);
    if (!reduced) {
      await settle(screen);
      await uiShot(screen, 'big-screen-podium-staged');
    }
    for (const b of bots) b.close();
  }
});

test('honest places: the last of three reads "3rd of 3" and how far behind 2nd, never "Podium finish!"', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const api = (await browser.newContext()).request;
  const room = await createRoom(api, { mode: 'choice', positions: [0, 1] });
  const phone = await (await phoneContext(browser)).newPage();
  await phone.goto(`/play/${room.code}`);
  await phone.getByTestId('nickname-input').fill('Grace');
  await phone.getByTestId('join-submit').click();
  await expect(phone.getByTestId('waiting')).toBeVisible();
  const bots = [await Bot.join(baseURL ?? '', room.code, 'Ada'), await Bot.join(baseURL ?? '', room.code, 'Linus')];
  const host = await (await browser.newContext({ viewport: LAPTOP })).newPage();
  await host.goto(hostUrl(room));
  await toLeaderboard(host, phone, bots, false);

  // Between questions: the place, and the distance to the next one up.
  await expect(phone.locator('.pl__title')).toHaveText('You’re 3rd of 3');
  await expect(phone.getByTestId('standing-gap')).toHaveText(/^[\d,]+ pts? behind 2nd \((Ada|Linus)\)$/);
  await uiShot(phone, 'phone-standings-3rd');

  await host.getByTestId('host-next').click();
  await playQuestion(host, phone, bots, { phoneRight: false, botsRight: true });
  await host.getByTestId('host-next').click();
  await expect(phone.getByTestId('final-rank')).toBeVisible();
  await expect(phone.getByTestId('final-rank')).toHaveText('3');
  await expect(phone.getByTestId('final-title')).toHaveText('3rd of 3');
  await expect(phone.getByTestId('standing-gap')).toHaveText(/^[\d,]+ pts? behind 2nd \((Ada|Linus)\)$/);
  await expect(phone.locator('body')).not.toContainText('Podium finish');
  await settle(phone);
  await uiShot(phone, 'phone-final-honest');
  for (const b of bots) b.close();
});

test('the phone game page stays under 200 KB of JavaScript (gzipped) from join to podium, sound and motion in', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const api = (await browser.newContext()).request;
  const room = await createRoom(api, { mode: 'mixed', positions: [0, 2] });
  const phone = await (await phoneContext(browser)).newPage();
  const scripts = new Map<string, number>();
  const pending: Promise<void>[] = [];
  phone.on('response', (r) => {
    if (r.request().resourceType() !== 'script') return;
    pending.push(
      r.body().then(
        (b) => void scripts.set(r.url(), gzipSync(b).length),
        () => undefined,
      ),
    );
  });
  await phone.goto(`/play/${room.code}`);
  await phone.getByTestId('nickname-input').fill('Grace');
  await phone.getByTestId('join-submit').click();
  await expect(phone.getByTestId('waiting')).toBeVisible();
  await phone.getByTestId('sound-toggle').click();
  const bot = await Bot.join(baseURL ?? '', room.code, 'Ada');
  const host = await (await browser.newContext({ viewport: LAPTOP })).newPage();
  await host.goto(hostUrl(room));
  await host.getByTestId('host-start').click();
  await phone.locator('[data-testid^="choice-"]').first().click();
  await bot.answer({ choiceIndex: 1 });
  await expect(phone.getByTestId('result')).toBeVisible();
  await host.getByTestId('host-next').click();
  await expect(phone.getByTestId('player-view')).toHaveAttribute('data-phase', 'leaderboard');
  await host.getByTestId('host-next').click();
  await phone.getByTestId('text-answer').fill('a plugin standard');
  await phone.getByTestId('submit-answer').click();
  await bot.answer({ text: 'no idea' });
  await expect(phone.getByTestId('result')).toBeVisible();
  await host.getByTestId('host-next').click();
  await expect(phone.getByTestId('final-rank')).toBeVisible();
  // The profile offer's code loads after the game.
  await expect(phone.getByTestId('claim-profile')).toBeVisible();
  await Promise.all(pending);
  const total = [...scripts.values()].reduce((a, b) => a + b, 0);
  const kb = Math.round((total / 1024) * 10) / 10;
  test.info().annotations.push({ type: 'phone JS (gzipped)', description: `${kb} KB in ${scripts.size} scripts` });
  console.log(`phone game page: ${kb} KB of JavaScript gzipped, ${scripts.size} scripts`);
  expect(scripts.size).toBeGreaterThan(3);
  expect(kb).toBeLessThan(200);
  bot.close();
});
