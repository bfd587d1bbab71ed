import { mkdirSync } from 'node:fs';
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { expectNoAxeViolations, expectNoSidewaysScroll, settle } from './ui-support';

/**
 * Self-paced assignments in real browsers [R13]: a host creates an assignment with a deadline for a group; two
 * players play it at their own pace on phones (390x844); one stops and resumes in a second browser context with
 * the "continue on another device" link; the host watches the progress update; closed, it shows on the group's
 * insights marked self-paced. Every new page goes through axe (zero violations); screenshots go to
 * docs/screenshots/assign/.
 */

const SHOTS = 'docs/screenshots/assign';
mkdirSync(SHOTS, { recursive: true });

async function shot(page: Page, name: string, fullPage = false): Promise<void> {
  await settle(page);
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage });
}

async function phone(browser: Browser): Promise<{ ctx: BrowserContext; page: Page }> {
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  return { ctx, page: await ctx.newPage() };
}

async function checkPage(page: Page, what: string): Promise<void> {
  await settle(page);
  await expectNoSidewaysScroll(page, what);
  await expectNoAxeViolations(page, what);
}

/** Local date-time for an `<input type="datetime-local">`, `days` ahead. */
function localInput(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Answers the card on screen: a choice (the first, or `choiceId`) or a typed answer; waits for the reveal. */
async function answer(page: Page, opts: { choiceId?: string; text?: string } = {}): Promise<{ verdict: string; correctChoiceId: string | null }> {
  await expect(page.getByTestId('question-prompt')).toBeVisible();
  const typed = page.getByTestId('text-answer');
  if (await typed.isVisible()) {
    await typed.fill(opts.text ?? 'no idea');
    await page.getByTestId('submit-answer').click();
  } else {
    await page.getByTestId(`choice-${opts.choiceId ?? 'a'}`).click();
  }
  const result = page.getByTestId('result');
  await expect(result).toBeVisible();
  return { verdict: (await result.getAttribute('data-verdict')) ?? '', correctChoiceId: null };
}

test('a host assigns a deck with a deadline; two players play at their own pace, one resumes elsewhere; the group insights include it', async ({
  browser,
}) => {
  test.setTimeout(300_000);
  // ---- the host creates a group, then an assignment of three cards with a deadline tomorrow
  const hostCtx = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const host = await hostCtx.newPage();
  await host.goto('/groups/new');
  await host.getByTestId('group-name-input').fill('Interview prep crew');
  await host.getByTestId('create-group').click();
  const created = host.getByTestId('group-created');
  await expect(created).toBeVisible();
  const groupId = (await created.getAttribute('data-group-id')) ?? '';

  await host.goto(`/assignments/new?deck=kubernetes-networking&positions=0,1,2&group=${groupId}`);
  await expect(host.getByTestId('assign-group')).toContainText('Counts for this group');
  await host.getByTestId('assign-deadline-input').fill(localInput(1));
  await checkPage(host, 'new assignment form');
  await shot(host, 'host-new-assignment');
  await host.getByTestId('assign-create').click();
  await expect(host.getByTestId('assign-host')).toBeVisible();
  await expect(host.getByTestId('assign-started')).toHaveText('0');
  const link = await host.getByTestId('assign-link').inputValue();
  expect(link).toMatch(/\/a\/[A-Za-z0-9_-]+$/);
  const path = new URL(link).pathname;
  await checkPage(host, 'assignment host page');

  // ---- Ann starts on her phone and answers two cards, then stops
  const ann = await phone(browser);
  await ann.page.goto(path);
  await expect(ann.page.getByTestId('assign-about')).toContainText('3 cards · due');
  await ann.page.getByTestId('nickname-input').fill('Ann');
  await checkPage(ann.page, 'assignment join (phone)');
  await shot(ann.page, 'phone-join');
  await ann.page.getByTestId('join-submit').click();
  await expect(ann.page.getByTestId('assign-progress')).toHaveText('Question 1/3');
  await expect(ann.page.getByTestId('assign-deadline')).toContainText('Due');
  await checkPage(ann.page, 'assignment question (phone)');
  await shot(ann.page, 'phone-question');
  await answer(ann.page);
  await checkPage(ann.page, 'assignment reveal (phone)');
  await shot(ann.page, 'phone-reveal-choice', true);
  await ann.page.getByTestId('next-card').click();
  await expect(ann.page.getByTestId('assign-progress')).toHaveText('Question 2/3');
  await answer(ann.page);
  await ann.page.getByTestId('next-card').click();
  await expect(ann.page.getByTestId('assign-progress')).toHaveText('Question 3/3');
  const resumeLink = await ann.page.getByTestId('continue-link').inputValue();
  expect(resumeLink).toContain('#seat=');
  await ann.ctx.close();

  // The host sees Ann started, two cards in.
  await expect(host.getByTestId('assign-started')).toHaveText('1');
  await expect(host.getByTestId('assign-player-row')).toContainText('2/3');

  // ---- Bea plays all three at her own pace, the last one typed
  const bea = await phone(browser);
  await bea.page.goto(path);
  await bea.page.getByTestId('nickname-input').fill('Bea');
  await bea.page.getByTestId('join-submit').click();
  await answer(bea.page, { choiceId: 'b' });
  await bea.page.getByTestId('next-card').click();
  await answer(bea.page, { choiceId: 'b' });
  await bea.page.getByTestId('next-card').click();
  await expect(bea.page.getByTestId('text-answer')).toBeVisible();
  await shot(bea.page, 'phone-question-typed');
  const typed = await answer(bea.page, { text: 'Container Network Interface: the plugin spec that configures pod networking' });
  expect(typed.verdict).toBe('correct');
  await expect(bea.page.getByTestId('matched-idea').first()).toBeVisible();
  await expect(bea.page.getByTestId('reference-answer').first()).toBeVisible();
  await checkPage(bea.page, 'assignment typed reveal (phone)');
  await shot(bea.page, 'phone-reveal-typed', true);
  await bea.page.getByTestId('next-card').click();
  await expect(bea.page.getByTestId('assign-summary')).toHaveAttribute('data-status', 'finished');
  await checkPage(bea.page, 'assignment summary (phone)');
  await shot(bea.page, 'phone-summary');

  // ---- Ann resumes in a second browser context with her private link: card 3 of 3
  const ann2 = await phone(browser);
  await ann2.page.goto(resumeLink);
  await expect(ann2.page.getByTestId('assign-progress')).toHaveText('Question 3/3');
  // The seat token left the address bar once kept.
  expect(ann2.page.url()).not.toContain('seat=');
  await shot(ann2.page, 'phone-resumed');
  await answer(ann2.page, { text: 'a network thing' });
  await ann2.page.getByTestId('next-card').click();
  await expect(ann2.page.getByTestId('assign-summary')).toHaveAttribute('data-status', 'finished');

  // ---- the host's progress has caught up (polling): two started, two finished, accuracy per card
  await expect(host.getByTestId('assign-finished')).toHaveText('2');
  await expect(host.getByTestId('assign-player-row')).toHaveCount(2);
  await expect(host.getByTestId('assign-player-row').first()).toHaveAttribute('data-finished', 'true');
  await shot(host, 'host-progress', true);
  await host.setViewportSize({ width: 1920, height: 1080 });
  await shot(host, 'host-progress-big');
  await host.setViewportSize({ width: 390, height: 844 });
  await expectNoSidewaysScroll(host, 'host progress at phone size');
  await shot(host, 'host-progress-phone');
  await host.setViewportSize({ width: 1366, height: 768 });

  // ---- closed, it counts for the group, marked self-paced
  await host.getByTestId('assign-close').click();
  await expect(host.getByTestId('assign-closed')).toBeVisible();
  await host.getByTestId('assign-insights-link').click();
  await expect(host.getByTestId('group-insights')).toBeVisible();
  const session = host.getByTestId('session-item').first();
  await expect(session).toHaveAttribute('data-self-paced', 'true');
  await expect(session).toContainText('self-paced');
  await checkPage(host, 'group insights with a self-paced game');
  await shot(host, 'group-insights', true);

  await Promise.all([ann2.ctx.close(), bea.ctx.close(), hostCtx.close()]);
});
