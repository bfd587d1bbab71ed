import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import {
  BIG,
  Bot,
  type BotQuestion,
  expectNoAxeViolations,
  expectNoSidewaysScroll,
  hostUrl,
  LAPTOP,
  PHONE,
  phoneContext,
  settle,
} from './ui-support';

/**
 * Issue 12 item 1: a mixed game with every question kind [R12], played on a phone (390x844, touch) against two
 * socket bots, with the host console and the big screen open. Each kind's question and reveal is screenshot on
 * the phone and the big screen (docs/screenshots/kinds/), axe runs on the phone, the screen and the host at
 * every step, and the phone is reloaded in the middle of the game.
 */

const SHOTS = 'docs/screenshots/kinds';
mkdirSync(SHOTS, { recursive: true });

/** The sample deck's cards, in order (src/decks/builtin/question-kinds.md). */
const KINDS = ['truefalse', 'multi', 'order', 'number', 'poll', 'cloud', 'choice', 'text'] as const;
const RIGHT_ORDER = ['Internet', 'load balancer', 'NodePort', 'Service', 'Pod', 'container'];

async function shot(page: Page, name: string): Promise<void> {
  await settle(page);
  // CSS pixels: a 2x phone would make images four times the size for the same content.
  await page.screenshot({ path: `${SHOTS}/${name}.png`, animations: 'disabled', scale: 'css' });
}

async function checkPhone(page: Page, what: string): Promise<void> {
  for (const width of [360, PHONE.width]) {
    await page.setViewportSize({ width, height: PHONE.height });
    await expectNoSidewaysScroll(page, `${what} at ${width}px`);
  }
  await settle(page);
  await expectNoAxeViolations(page, what);
}

async function checkWide(page: Page, what: string): Promise<void> {
  await settle(page);
  await expectNoSidewaysScroll(page, what);
  await expectNoAxeViolations(page, what);
}

/** The phone's order list, top to bottom, as item texts. */
async function orderShown(phone: Page): Promise<string[]> {
  return phone.getByTestId('order-item').locator('.korder__text').allTextContents();
}

/** What each bot sends for each kind: plausible, not always right. */
function botAnswer(kind: (typeof KINDS)[number], bot: number): (q: BotQuestion) => Record<string, unknown> {
  return (q) => {
    const ids = q.choices.map((c) => c.id);
    switch (kind) {
      case 'truefalse':
        return { choiceId: bot === 0 ? 'f' : 't' };
      case 'multi':
        return { choiceIds: bot === 0 ? q.choices.filter((c) => c.text === 'Calico').map((c) => c.id) : ids.slice(0, 2) };
      case 'order':
        return { choiceIds: bot === 0 ? ids : [...ids].reverse() };
      case 'number':
        return { value: bot === 0 ? 130 : 64 };
      case 'poll':
        return { choiceId: q.choices.find((c) => c.text === (bot === 0 ? 'ClusterIP' : 'LoadBalancer'))?.id ?? ids[0] };
      case 'cloud':
        return { text: bot === 0 ? 'dns' : 'Overlays' };
      case 'choice':
        return { choiceId: ids[bot + 1] ?? ids[0] };
      case 'text':
        return { text: bot === 0 ? 'no idea' : 'it routes service traffic' };
    }
  };
}

test('a mixed game with every question kind on the phone, the big screen and the host console', async ({ browser, baseURL }) => {
  // Three views, axe at every step, eight questions, on a shared machine: minutes, not seconds.
  test.setTimeout(1_500_000);
  const api = (await browser.newContext()).request;
  const created = await api.post('/api/rooms', {
    data: {
      deckId: 'question-kinds',
      settings: { mode: 'mixed', timeLimitSec: 300, points: true, speedBonus: true, autoAdvance: false, autoAdvanceSec: 8 },
      positions: KINDS.map((_, i) => i),
    },
  });
  expect(created.status()).toBe(201);
  const room = (await created.json()) as { code: string; hostToken: string };

  const host = await (await browser.newContext({ viewport: LAPTOP })).newPage();
  await host.goto(hostUrl(room));
  await expect(host.getByTestId('host-view')).toHaveAttribute('data-phase', 'lobby');
  const screen = await (await browser.newContext({ viewport: BIG })).newPage();
  await screen.goto(`/screen/${room.code}`);
  await expect(screen.getByTestId('screen-view')).toHaveAttribute('data-phase', 'lobby');
  const phone = await (await phoneContext(browser)).newPage();
  await phone.goto(`/play/${room.code}`);
  await phone.getByTestId('nickname-input').fill('Grace');
  await phone.getByTestId('join-submit').click();
  await expect(phone.getByTestId('waiting')).toBeVisible();
  const bots = [await Bot.join(baseURL ?? '', room.code, 'Ada'), await Bot.join(baseURL ?? '', room.code, 'Linus')];
  await expect(screen.getByTestId('lobby-player')).toHaveCount(3);

  await host.getByTestId('host-start').click();
  for (const [i, kind] of KINDS.entries()) {
    const n = `${i + 1}-${kind}`;
    await expect(phone.getByTestId('player-view')).toHaveAttribute('data-phase', 'question');
    await expect(screen.getByTestId('screen-view')).toHaveAttribute('data-phase', 'question');
    await expect(phone.getByTestId('question-prompt')).toBeVisible();
    if (kind !== 'choice' && kind !== 'text') await expect(phone.getByTestId('question-kind')).toBeVisible();

    // Polls and clouds: the bots answer first, so the big screen shows the tally growing before the phone votes.
    const live = kind === 'poll' || kind === 'cloud';
    if (live) {
      for (const [b, bot] of bots.entries()) await bot.answerWith(botAnswer(kind, b));
      if (kind === 'poll') await expect(screen.getByTestId('poll-bar').filter({ hasText: 'ClusterIP' })).toHaveAttribute('data-count', '1');
      else await expect(screen.getByTestId('cloud-word')).toHaveCount(2);
    }
    await checkPhone(phone, `phone question (${kind})`);
    await shot(phone, `${n}-phone-question`);
    await checkWide(screen, `screen question (${kind})`);
    await shot(screen, `${n}-screen-question`);
    await checkWide(host, `host question (${kind})`);

    // Nothing of the right answer on the phone or the screen while the question is open [R12.8].
    for (const page of [phone, screen]) {
      await expect(page.locator('[data-correct="true"], .tile--correct, [data-testid="right-order"]')).toHaveCount(0);
    }

    switch (kind) {
      case 'truefalse':
        await phone.getByTestId('choice-f').click();
        break;
      case 'multi':
        for (const t of ['Calico', 'Flannel', 'Cilium']) await phone.locator('[data-testid^="choice-"]', { hasText: t }).click();
        await expect(phone.locator('[aria-pressed="true"]')).toHaveCount(3);
        await phone.getByTestId('submit-answer').click();
        break;
      case 'order': {
        // A drag by the handle: the last item goes to the top.
        const items = phone.getByTestId('order-item');
        const before = await orderShown(phone);
        await items.last().locator('.korder__handle').dragTo(items.first().locator('.korder__handle'), { targetPosition: { x: 10, y: 5 } });
        await expect.poll(() => orderShown(phone)).toEqual([before[before.length - 1], ...before.slice(0, -1)]);
        // Tap-to-move: tap the right first item, then the item at the top, to put it there.
        const first = RIGHT_ORDER[0] as string;
        const shown = await orderShown(phone);
        if (shown[0] !== first) {
          await phone.getByTestId('order-item').filter({ hasText: first }).locator('.korder__tap').click();
          await phone.getByTestId('order-item').first().locator('.korder__tap').click();
        }
        await expect.poll(async () => (await orderShown(phone))[0]).toBe(first);
        // The ↑ buttons for the rest (what a keyboard or screen reader user has).
        for (let target = 1; target < RIGHT_ORDER.length; target++) {
          const t = RIGHT_ORDER[target] as string;
          for (let guard = 0; guard < 8 && (await orderShown(phone)).indexOf(t) > target; guard++) {
            await phone.getByRole('button', { name: `Move ${t} up`, exact: true }).click();
          }
        }
        await expect.poll(() => orderShown(phone)).toEqual(RIGHT_ORDER);
        await shot(phone, `${n}-phone-ordered`);
        await phone.getByTestId('submit-answer').click();
        break;
      }
      case 'number':
        await phone.getByTestId('number-answer').fill('1,5x');
        await expect(phone.getByTestId('submit-answer')).toBeDisabled();
        await phone.getByTestId('number-answer').fill('105');
        await phone.getByTestId('submit-answer').click();
        break;
      case 'poll':
        await phone.locator('[data-testid^="choice-"]', { hasText: 'LoadBalancer' }).click();
        break;
      case 'cloud':
        await phone.getByTestId('text-answer').fill('DNS!');
        await phone.getByTestId('submit-answer').click();
        break;
      case 'choice':
        await phone.locator('[data-testid^="choice-"]', { hasText: '30000-32767' }).click();
        break;
      case 'text':
        await phone.getByTestId('text-answer').fill('it programs iptables rules so service traffic reaches the pods');
        await phone.getByTestId('submit-answer').click();
        break;
    }
    // The phone's answer is the last one to a poll or a cloud (the bots voted first): it closes the question at once.
    if (!live) await expect(phone.getByTestId('locked-in')).toBeVisible();
    if (kind === 'order') {
      // A refresh in the middle of the game: the seat, and the locked-in answer, come back.
      await phone.reload();
      await expect(phone.getByTestId('locked-in')).toBeVisible();
      await expect(phone.getByTestId('locked-in')).toContainText('Internet → load balancer → NodePort');
    }
    if (!live) for (const [b, bot] of bots.entries()) await bot.answerWith(botAnswer(kind, b));

    await expect(host.getByTestId('host-view')).toHaveAttribute('data-phase', 'reveal');
    await expect(phone.getByTestId('result')).toBeVisible();
    await expect(screen.getByTestId('reveal')).toBeVisible();
    const verdict = await phone.getByTestId('result').getAttribute('data-verdict');
    // Grace answers every scored kind right; a poll or a cloud has no verdict [R12.7].
    expect(verdict, `${kind} verdict`).toBe(live ? 'none' : 'correct');
    if (kind === 'order') await expect(screen.getByTestId('right-order')).toContainText('Internet');
    if (kind === 'number') await expect(screen.getByTestId('number-reveal')).toContainText('110');
    if (kind === 'cloud') await expect(screen.getByTestId('cloud-word').first()).toHaveText(/^DNS/i);
    if (kind === 'poll') await expect(screen.getByTestId('poll-bar').filter({ hasText: 'LoadBalancer' })).toHaveAttribute('data-count', '2');

    await checkPhone(phone, `phone reveal (${kind})`);
    await shot(phone, `${n}-phone-reveal`);
    await checkWide(screen, `screen reveal (${kind})`);
    await shot(screen, `${n}-screen-reveal`);
    await checkWide(host, `host reveal (${kind})`);
    if (kind === 'order' || kind === 'poll') await shot(host, `${n}-host-reveal`);

    await host.getByTestId('host-next').click();
    if (i < KINDS.length - 1) {
      await expect(host.getByTestId('host-view')).toHaveAttribute('data-phase', 'leaderboard');
      await host.getByTestId('host-next').click();
    }
  }
  await expect(host.getByTestId('host-view')).toHaveAttribute('data-phase', 'finished');
  for (const b of bots) b.close();

  // The results page names each kind and sums up the ones with no right answer.
  const results = await (await browser.newContext({ viewport: LAPTOP })).newPage();
  await results.goto(`/results/${room.code}`);
  await expect(results.getByTestId('question-stat')).toHaveCount(KINDS.length);
  await expect(results.getByTestId('kind-summary').filter({ hasText: 'Votes' })).toContainText('LoadBalancer 2');
  await expect(results.getByTestId('kind-summary').filter({ hasText: 'Words' })).toBeVisible();
  await checkWide(results, 'results page with every kind');
  await results.setViewportSize({ width: LAPTOP.width, height: 2200 });
  await shot(results, 'results-page');
});
