import { mkdirSync } from 'node:fs';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { BIG, Bot, LAPTOP, expectNoAxeViolations, expectNoSidewaysScroll, hostUrl, phoneContext, settle } from './ui-support';

/**
 * Issue 12 items 2, 3 and 8: a game in teams with the host's controls (teams in the lobby, a locked door, the
 * "get ready" lead-in, pause and resume, extra time, "Next" past the reveal), a phone refreshed mid-game, the
 * team board and podium, and the study sheet. Phone (390x844), big screen (1920x1080) and host console
 * (1366x768) screenshots go to docs/screenshots/teams/; axe checks the new views.
 */

const SHOTS = 'docs/screenshots/teams';
mkdirSync(SHOTS, { recursive: true });

async function shot(page: Page, name: string, fullPage = false): Promise<void> {
  await settle(page);
  const wide = (page.viewportSize()?.width ?? 0) > 1000;
  await page.screenshot({
    path: `${SHOTS}/${name}.png`,
    fullPage,
    animations: 'disabled',
    ...(wide ? { scale: 'css' as const } : {}),
  });
}

async function phone(browser: Browser, code: string, nickname: string): Promise<Page> {
  const ctx = await phoneContext(browser);
  const page = await ctx.newPage();
  await page.goto(`/play/${code}`);
  await page.getByTestId('nickname-input').fill(nickname);
  await page.getByTestId('join-submit').click();
  await expect(page.getByTestId('player-view')).toHaveAttribute('data-phase', 'lobby');
  return page;
}

const remaining = async (page: Page, testId: string) =>
  Number(await page.getByTestId(testId).getAttribute('data-remaining-ms'));

test('a game in teams with pause, extra time, a locked door, the lead-in, a refresh and the study sheet', async ({
  browser,
  baseURL,
  request,
}) => {
  test.setTimeout(240_000);
  const res = await request.post('/api/rooms', {
    data: {
      deckId: 'kubernetes-networking',
      settings: {
        mode: 'choice',
        timeLimitSec: 60,
        points: true,
        speedBonus: true,
        autoAdvance: false,
        autoAdvanceSec: 8,
        leadIn: true,
      },
      questionCount: 2,
    },
  });
  expect(res.status()).toBe(201);
  const room = (await res.json()) as { code: string; hostToken: string };
  const { code } = room;

  // ---- the host console alone: it is the room's only screen, so the answer is hidden by default [R14.7]
  const hostCtx = await browser.newContext({ viewport: LAPTOP });
  const host = await hostCtx.newPage();
  await host.goto(hostUrl(room));
  await expect(host.getByTestId('host-view')).toHaveAttribute('data-phase', 'lobby');
  await expect(host.getByTestId('host-hide-answer')).toBeChecked();

  const screenCtx = await browser.newContext({ viewport: BIG });
  const screen = await screenCtx.newPage();
  await screen.goto(`/screen/${code}`);
  await expect(screen.getByTestId('screen-view')).toHaveAttribute('data-phase', 'lobby');
  // A big screen is attached now: the console may show the answer.
  await expect(host.getByTestId('host-hide-answer')).not.toBeChecked();

  // ---- teams on, players dealt and picking [R15.1-R15.3]
  await host.getByTestId('host-teams-2').click();
  await expect(host.getByTestId('host-teams-2')).toHaveAttribute('aria-checked', 'true');
  const ada = await phone(browser, code, 'Ada');
  const linus = await phone(browser, code, 'Linus');
  const grace = await Bot.join(baseURL ?? '', code, 'Grace');
  await expect(ada.getByTestId('team-pick')).toHaveCount(2);
  await expect(ada.locator('[data-testid="team-pick"][aria-pressed="true"]')).toHaveAttribute('data-team', 'Red');
  await expect(linus.locator('[data-testid="team-pick"][aria-pressed="true"]')).toHaveAttribute('data-team', 'Blue');
  await ada.locator('[data-testid="team-pick"][data-team="Blue"]').click();
  await expect(ada.locator('[data-testid="team-pick"][aria-pressed="true"]')).toHaveAttribute('data-team', 'Blue');
  await expect(screen.getByTestId('team-lobby')).toContainText('Ada');
  await expect(screen.locator('[aria-label="Team Blue"]')).toContainText('Ada');
  await expect(screen.locator('[aria-label="Team Red"]')).toContainText('Grace');
  await expectNoSidewaysScroll(ada, 'phone lobby with teams');
  await expectNoAxeViolations(ada, 'phone lobby with teams');
  await shot(ada, 'phone-lobby-teams');
  await expectNoAxeViolations(screen, 'big screen lobby with teams');
  await shot(screen, 'big-lobby-teams');
  await expectNoAxeViolations(host, 'host lobby with teams');
  await shot(host, 'host-lobby-teams');

  // ---- the door locked: a newcomer is turned away [R14.4]
  await host.getByTestId('host-lock').click();
  await expect(host.getByTestId('host-lock')).toBeChecked();
  await expect(screen.getByTestId('room-locked')).toBeVisible();
  const lateCtx = await phoneContext(browser);
  const late = await lateCtx.newPage();
  await late.goto(`/play/${code}`);
  await late.getByTestId('nickname-input').fill('Dennis');
  await late.getByTestId('join-submit').click();
  await expect(late.getByText(/locked/i).first()).toBeVisible();
  await shot(late, 'phone-locked');
  await lateCtx.close();

  // ---- the lead-in: the question first, choices after 3 s [R14.5]
  await host.getByTestId('host-start').click();
  await expect(ada.getByTestId('get-ready')).toBeVisible();
  await expect(screen.getByTestId('get-ready')).toBeVisible();
  await expect(ada.locator('[data-testid^="choice-"]')).toHaveCount(0);
  // Three seconds are short: a pause holds the lead-in for the accessibility checks (pictures on question 2).
  await host.getByTestId('host-pause').click();
  await expect(ada.getByTestId('paused-banner')).toBeVisible();
  await expect(ada.getByTestId('get-ready')).toBeVisible();
  await expectNoAxeViolations(ada, 'phone get ready');
  await expectNoAxeViolations(screen, 'big screen get ready');
  await host.getByTestId('host-resume').click();
  await expect(ada.locator('[data-testid^="choice-"]').first()).toBeVisible({ timeout: 6_000 });
  await expect(ada.getByTestId('get-ready')).toHaveCount(0);

  // ---- pause: every clock stands still, answers wait [R14.1, R14.2]
  await host.getByTestId('host-pause').click();
  await expect(ada.getByTestId('paused-banner')).toBeVisible();
  await expect(screen.getByTestId('paused-banner')).toBeVisible();
  await expect(host.getByTestId('paused-banner')).toBeVisible();
  const frozen = await remaining(screen, 'countdown');
  await screen.waitForTimeout(1_500);
  expect(await remaining(screen, 'countdown')).toBe(frozen);
  await expectNoAxeViolations(ada, 'phone paused');
  await shot(ada, 'phone-paused');
  await shot(screen, 'big-paused');
  await expectNoAxeViolations(host, 'host paused');
  await shot(host, 'host-paused');
  await host.getByTestId('host-resume').click();
  await expect(ada.getByTestId('paused-banner')).toHaveCount(0);

  // ---- extra time [R14.3]
  const before = await remaining(host, 'host-countdown');
  await host.getByTestId('host-add-time').click();
  await expect.poll(() => remaining(host, 'host-countdown')).toBeGreaterThan(before + 5_000);
  await shot(host, 'host-question-controls');

  // ---- answers, and a phone refreshed mid-game keeps its seat and its locked-in answer
  await ada.locator('[data-testid^="choice-"]').first().click();
  await expect(ada.getByTestId('locked-in')).toBeVisible();
  await ada.reload();
  await expect(ada.getByTestId('player-view')).toHaveAttribute('data-phase', 'question');
  await expect(ada.getByTestId('locked-in')).toBeVisible();
  await linus.locator('[data-testid^="choice-"]').nth(1).click();
  await expect(linus.getByTestId('locked-in')).toBeVisible();

  // ---- "Next" is not "Show results": straight to the leaderboard, teams first [R14.6, R15.5]
  await expect(host.getByTestId('host-next-question')).toHaveAttribute('title', /leaderboard/);
  await host.getByTestId('host-next-question').click();
  await expect(screen.getByTestId('screen-view')).toHaveAttribute('data-phase', 'leaderboard');
  await expect(screen.getByTestId('team-row')).toHaveCount(2);
  await expect(ada.getByTestId('team-line')).toHaveAttribute('data-team', 'Blue');
  await expect(ada.getByTestId('team-part')).toBeVisible();
  await expectNoAxeViolations(screen, 'big screen team leaderboard');
  await shot(screen, 'big-leaderboard-teams');
  await expectNoAxeViolations(ada, 'phone standings with team');
  await shot(ada, 'phone-standings-team');
  await shot(host, 'host-leaderboard-teams');

  // ---- the last question, then the team podium
  await host.getByTestId('host-next').click();
  await expect(screen.getByTestId('get-ready')).toBeVisible();
  await Promise.all([
    screen.screenshot({ path: `${SHOTS}/big-get-ready.png`, scale: 'css' }),
    ada.screenshot({ path: `${SHOTS}/phone-get-ready.png` }),
  ]);
  await expect(ada.locator('[data-testid^="choice-"]').first()).toBeVisible({ timeout: 8_000 });
  await ada.locator('[data-testid^="choice-"]').first().click();
  await linus.locator('[data-testid^="choice-"]').first().click();
  await grace.answer({ choiceIndex: 2 });
  await expect(host.getByTestId('host-view')).toHaveAttribute('data-phase', 'reveal');
  await host.getByTestId('host-next').click();
  await expect(screen.getByTestId('screen-view')).toHaveAttribute('data-phase', 'finished');
  await expect(screen.getByTestId('podium')).toContainText('Team');
  await expect(ada.getByTestId('team-line')).toBeVisible();
  await expectNoAxeViolations(screen, 'big screen team podium');
  await shot(screen, 'big-podium-teams');
  await expectNoAxeViolations(ada, 'phone final with team');
  await shot(ada, 'phone-final-team');
  grace.close();

  // ---- the results page: team ranking and the study sheet, with Ada's own answers on her phone
  await ada.goto(`/results/${code}`);
  await expect(ada.getByTestId('results-team')).toHaveCount(2);
  await expect(ada.getByTestId('study-item')).toHaveCount(2);
  await expect(ada.getByTestId('study-ideas').first()).toBeVisible();
  await expect(ada.getByTestId('study-mine').first()).toContainText('pts');
  await expectNoSidewaysScroll(ada, 'phone study sheet');
  await expectNoAxeViolations(ada, 'phone results with study sheet');
  await shot(ada, 'phone-study-sheet', true);
  await host.goto(`/results/${code}`);
  await expect(host.getByTestId('study-item')).toHaveCount(2);
  // The host's laptop never played: no "your answer" there.
  await expect(host.getByTestId('study-mine')).toHaveCount(0);
  await expectNoAxeViolations(host, 'results with study sheet');
  await shot(host, 'host-results-study-sheet', true);
  await host.emulateMedia({ media: 'print' });
  await shot(host, 'print-study-sheet', true);
});
