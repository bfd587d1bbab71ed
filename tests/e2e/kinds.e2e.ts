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
 * Issue 12: one mixed game with every question kind [R12], in teams [R15], with a pause [R14.1] and a phone
 * refreshed mid-question. Grace plays on a phone (390x844, touch) against two socket bots, with the host console
 * and the big screen (1920x1080) open. Each kind's question and reveal is screenshot on the phone and the big
 * screen (test-results/kinds/), axe runs on the phone and the screen at every step (the host at every reveal), and
 * every player's points are checked against the kind's rule, the team scores against the average of their members.
 */

const SHOTS = 'test-results/kinds';
mkdirSync(SHOTS, { recursive: true });

/** The sample deck's cards, in order (src/decks/builtin/question-kinds.md). */
const KINDS = ['truefalse', 'multi', 'order', 'number', 'poll', 'cloud', 'choice', 'text'] as const;
type Kind = (typeof KINDS)[number];
const RIGHT_ORDER = ['Internet', 'load balancer', 'NodePort', 'Service', 'Pod', 'container'];
/** The number card: 110 Pods, tolerance 10. */
const NUMBER = { answer: 110, tolerance: 10 };

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

/** A number shown with its thousands separator and unit ("1,250 avg", "+1100"), as a number. */
async function numberIn(page: Page, testId: string): Promise<number> {
  return Number(((await page.getByTestId(testId).first().textContent()) ?? '').replace(/[^\d]/g, ''));
}

const remaining = async (page: Page) => Number(await page.getByTestId('countdown').getAttribute('data-remaining-ms'));

/** The answer each bot sends for each kind: plausible, not always right. */
function botAnswer(kind: Kind, bot: number): (q: BotQuestion) => Record<string, unknown> {
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

/**
 * The grade (0..1) the rules give a bot's answer, worked out here from the reveal [R12.3-R12.6]; null for the
 * typed question (the text grader's own score is taken) and for polls and word clouds, which are not graded.
 */
function expectedShare(kind: Kind, sent: Record<string, unknown>, reveal: NonNullable<Bot['state']>['reveal']): number | null {
  const r = reveal as NonNullable<typeof reveal>;
  switch (kind) {
    case 'truefalse':
    case 'choice':
      return sent.choiceId === r.correctChoiceId ? 1 : 0;
    case 'multi': {
      // Each right pick earns 1/k, each wrong pick costs as much, never below 0 [R12.4].
      const right = new Set(r.correctIds);
      const picks = sent.choiceIds as string[];
      const hits = picks.filter((p) => right.has(p)).length;
      return Math.max(0, (hits - (picks.length - hits)) / right.size);
    }
    case 'order': {
      // The share of item pairs in the right relative order [R12.3].
      const right = r.correctIds as string[];
      const seq = sent.choiceIds as string[];
      let inOrder = 0;
      let pairs = 0;
      for (let i = 0; i < right.length; i++) {
        for (let j = i + 1; j < right.length; j++) {
          pairs += 1;
          if (seq.indexOf(right[i] as string) < seq.indexOf(right[j] as string)) inOrder += 1;
        }
      }
      return inOrder / pairs;
    }
    case 'number': {
      // Full marks within the tolerance, then linearly down to 0 at three times it [R12.5].
      const d = Math.abs((sent.value as number) - NUMBER.answer);
      return d <= NUMBER.tolerance ? 1 : Math.max(0, 1 - (d - NUMBER.tolerance) / (2 * NUMBER.tolerance));
    }
    default:
      return null;
  }
}

/** A player's running totals as the rules replay them: speed bonus off, so a grade earns 1000 times it [R5.3]. */
interface Tally {
  score: number;
  streak: number;
}

/**
 * Points for a grade, streak included [R5.2-R5.4]: `share` the grade, `correct` the verdict (for the kinds
 * graded here, a share of 1); a poll or word cloud leaves the streak as it was [R12.7].
 */
function score(t: Tally, share: number | 'not graded', correct = share === 1): { points: number; bonus: number } {
  if (share === 'not graded') return { points: 0, bonus: 0 };
  t.streak = correct ? t.streak + 1 : 0;
  const bonus = correct ? Math.min(100 * (t.streak - 1), 500) : 0;
  const points = Math.round(1000 * Math.min(share, 1)) + bonus;
  t.score += points;
  return { points, bonus };
}

test('one game in teams with every question kind, a pause and a refresh, on the phone, the big screen and the host', async ({
  browser,
  baseURL,
}) => {
  // Three views, axe at every step, eight questions, on a shared machine: minutes, not seconds.
  test.setTimeout(1_500_000);
  const api = (await browser.newContext()).request;
  const created = await api.post('/api/rooms', {
    data: {
      deckId: 'question-kinds',
      // Speed bonus off: a grade earns 1000 times its share flat, so every player's points can be checked exactly.
      settings: { mode: 'mixed', timeLimitSec: 300, points: true, speedBonus: false, autoAdvance: false, autoAdvanceSec: 8 },
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

  // ---- two teams, dealt round as players join [R15.1, R15.2]; Grace then picks Blue [R15.3]
  await host.getByTestId('host-teams-2').click();
  await expect(host.getByTestId('host-teams-2')).toHaveAttribute('aria-checked', 'true');
  const phone = await (await phoneContext(browser)).newPage();
  await phone.goto(`/play/${room.code}`);
  await phone.getByTestId('nickname-input').fill('Grace');
  await phone.getByTestId('join-submit').click();
  await expect(phone.getByTestId('waiting')).toBeVisible();
  await expect(phone.locator('[data-testid="team-pick"][aria-pressed="true"]')).toHaveAttribute('data-team', 'Red');
  const [ada, linus] = [await Bot.join(baseURL ?? '', room.code, 'Ada'), await Bot.join(baseURL ?? '', room.code, 'Linus')];
  const bots = [ada, linus] as const;
  expect(ada.you?.team?.name).toBe('Blue');
  expect(linus.you?.team?.name).toBe('Red');
  await phone.locator('[data-testid="team-pick"][data-team="Blue"]').click();
  await expect(phone.locator('[data-testid="team-pick"][aria-pressed="true"]')).toHaveAttribute('data-team', 'Blue');
  await expect(screen.locator('[aria-label="Team Blue"]')).toContainText('Grace');
  await expect(screen.locator('[aria-label="Team Blue"]')).toContainText('Ada');
  await expect(screen.locator('[aria-label="Team Red"]')).toContainText('Linus');
  await expect(screen.getByTestId('lobby-player')).toHaveCount(3);
  await shot(phone, '0-phone-lobby-teams');
  await shot(screen, '0-screen-lobby-teams');

  const tally = { Grace: { score: 0, streak: 0 }, Ada: { score: 0, streak: 0 }, Linus: { score: 0, streak: 0 } };

  await host.getByTestId('host-start').click();
  for (const [i, kind] of KINDS.entries()) {
    const n = `${i + 1}-${kind}`;
    await expect(phone.getByTestId('player-view')).toHaveAttribute('data-phase', 'question');
    await expect(screen.getByTestId('screen-view')).toHaveAttribute('data-phase', 'question');
    await expect(phone.getByTestId('question-prompt')).toBeVisible();
    if (kind !== 'choice' && kind !== 'text') await expect(phone.getByTestId('question-kind')).toBeVisible();

    // Polls and clouds: the bots answer first, so the big screen shows the tally growing before the phone votes.
    const live = kind === 'poll' || kind === 'cloud';
    const sent: Record<string, unknown>[] = [];
    const botsAnswer = async () => {
      for (const [b, bot] of bots.entries()) {
        await bot.answerWith((q) => {
          const body = botAnswer(kind, b)(q);
          sent[b] = body;
          return body;
        });
      }
    };
    if (live) {
      await botsAnswer();
      if (kind === 'poll') await expect(screen.getByTestId('poll-bar').filter({ hasText: 'ClusterIP' })).toHaveAttribute('data-count', '1');
      else await expect(screen.getByTestId('cloud-word')).toHaveCount(2);
    }
    await checkPhone(phone, `phone question (${kind})`);
    await shot(phone, `${n}-phone-question`);
    await checkWide(screen, `screen question (${kind})`);
    await shot(screen, `${n}-screen-question`);
    // The host console's kinds are checked at every reveal; its open question where the kind changes most.
    if (kind === 'order' || kind === 'number' || kind === 'cloud') await checkWide(host, `host question (${kind})`);

    // Nothing of the right answer on the phone or the screen while the question is open [R12.8].
    for (const page of [phone, screen]) {
      await expect(page.locator('[data-correct="true"], .tile--correct, [data-testid="right-order"]')).toHaveCount(0);
    }

    if (kind === 'number') {
      // ---- the host pauses mid-question: every view says so, the clocks stand still, answers wait [R14.1]
      await host.getByTestId('host-pause').click();
      await expect(phone.getByTestId('paused-banner')).toBeVisible();
      await expect(screen.getByTestId('paused-banner')).toBeVisible();
      await expect(host.getByTestId('host-resume')).toBeVisible();
      const frozen = { phone: await remaining(phone), screen: await remaining(screen) };
      await phone.waitForTimeout(1_500);
      expect({ phone: await remaining(phone), screen: await remaining(screen) }).toEqual(frozen);
      await expect(ada.answerWith(botAnswer(kind, 0))).rejects.toThrow(/paus/i);
      // (axe on the paused views: teams.e2e.ts)
      await shot(phone, `${n}-phone-paused`);
      await shot(screen, `${n}-screen-paused`);
      await host.getByTestId('host-resume').click();
      await expect(phone.getByTestId('paused-banner')).toHaveCount(0);
      await expect(screen.getByTestId('paused-banner')).toHaveCount(0);
      await expect.poll(() => remaining(screen)).toBeLessThan(frozen.screen - 500);
      await expect.poll(() => remaining(phone)).toBeLessThan(frozen.phone - 500);
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
        // Shown shuffled, never in the right order [R12.2].
        const items = phone.getByTestId('order-item');
        const before = await orderShown(phone);
        expect(before).not.toEqual(RIGHT_ORDER);
        expect([...before].sort()).toEqual([...RIGHT_ORDER].sort());
        // A drag by the handle: the last item goes to the top.
        await items.last().locator('.korder__handle').dragTo(items.first().locator('.korder__handle'), { targetPosition: { x: 10, y: 5 } });
        await expect.poll(() => orderShown(phone)).toEqual([before[before.length - 1], ...before.slice(0, -1)]);
        // Tap-to-move: tap an item, then the place it goes (the one in second place to the top, then the right first).
        const second = (await orderShown(phone))[1] as string;
        await phone.getByTestId('order-item').filter({ hasText: second }).locator('.korder__tap').tap();
        await phone.getByTestId('order-item').first().locator('.korder__tap').tap();
        await expect.poll(async () => (await orderShown(phone))[0]).toBe(second);
        const first = RIGHT_ORDER[0] as string;
        if (second !== first) {
          await phone.getByTestId('order-item').filter({ hasText: first }).locator('.korder__tap').tap();
          await phone.getByTestId('order-item').first().locator('.korder__tap').tap();
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
      // ---- a refresh mid-question: the same seat (no new player), the same team, the locked-in answer [R2.5]
      const scoreBefore = await phone.getByTestId('header-score').textContent();
      await phone.reload();
      await expect(phone.getByTestId('player-view')).toHaveAttribute('data-phase', 'question');
      await expect(phone.getByTestId('locked-in')).toContainText('Internet → load balancer → NodePort → Service → Pod → container');
      await expect(phone.locator('.phone__nick')).toHaveText('Grace');
      await expect(phone.getByTestId('header-score')).toHaveText(scoreBefore ?? '');
      await expect(phone.getByTestId('locked-in')).toContainText('1 / 3 answered');
      expect(ada.state?.playerCount).toBe(3);
      await shot(phone, `${n}-phone-after-refresh`);
    }
    if (!live) await botsAnswer();

    await expect(host.getByTestId('host-view')).toHaveAttribute('data-phase', 'reveal');
    await expect(phone.getByTestId('result')).toBeVisible();
    await expect(screen.getByTestId('reveal')).toBeVisible();

    // ---- points, against each kind's rule
    const graceShare = live ? 'not graded' : 1;
    const grace = score(tally.Grace, graceShare);
    const verdict = await phone.getByTestId('result').getAttribute('data-verdict');
    // Grace answers every scored kind right; a poll or a cloud has no verdict [R12.7].
    expect(verdict, `${kind} verdict`).toBe(live ? 'none' : 'correct');
    if (!live) {
      await settle(phone);
      expect(await numberIn(phone, 'points'), `Grace's points for ${kind}`).toBe(grace.points);
      if (grace.bonus > 0) await expect(phone.getByText(`includes +${grace.bonus} streak bonus`)).toBeVisible();
    }
    await expect(phone.getByTestId('header-score')).toHaveText(tally.Grace.score.toLocaleString('en-US'));
    for (const [b, bot] of bots.entries()) {
      const result = await bot.resultOf(i);
      const reveal = bot.state?.reveal ?? null;
      expect(reveal, `${bot.nickname} sees the reveal`).not.toBeNull();
      if (kind === 'text' && b === 0) expect(result.verdict, '"no idea" earns nothing').toBe('incorrect');
      // The typed question's grade is the text grader's (its own tests); the other kinds' are worked out here.
      const share: number | 'not graded' = live ? 'not graded' : (expectedShare(kind, sent[b] ?? {}, reveal) ?? result.gradeScore);
      if (typeof share === 'number' && kind !== 'text') {
        expect(result.gradeScore, `${bot.nickname}'s grade for ${kind}`).toBeCloseTo(share >= 1 ? 1 : Math.min(share, 0.999), 3);
        expect(result.verdict).toBe(share >= 1 ? 'correct' : share > 0 ? 'partial' : 'incorrect');
      }
      const expected = score(tally[bot.nickname as 'Ada' | 'Linus'], share, result.verdict === 'correct');
      expect(result.points, `${bot.nickname}'s points for ${kind}`).toBe(expected.points);
      expect(result.streakBonus).toBe(expected.bonus);
    }
    // Some kinds' partial credit, spelled out: Calico alone is 1 of 3 right picks; 130 Pods is twice the tolerance out.
    if (kind === 'multi') expect(ada.you?.result?.points).toBe(333);
    if (kind === 'number') expect([ada.you?.result?.points, linus.you?.result?.points]).toEqual([500, 0]);
    if (kind === 'order') {
      // Ada sent the shuffled order as shown, Linus its reverse: their pair shares add up to 1.
      const shares = [ada, linus].map((b) => b.you?.result?.gradeScore ?? -1);
      expect((shares[0] ?? 0) + (shares[1] ?? 0)).toBeCloseTo(1, 2);
      expect(shares[0]).toBeLessThan(1);
    }
    await expect.poll(() => [ada.you?.score, linus.you?.score]).toEqual([tally.Ada.score, tally.Linus.score]);

    // ---- teams: Blue is the average of Grace and Ada, Red is Linus alone [R15.4]; the phone's reveal says so
    const blue = Math.round((tally.Grace.score + tally.Ada.score) / 2);
    const red = tally.Linus.score;
    const blueRank = blue > red ? 1 : blue < red ? 2 : null;
    expect(ada.you?.team).toMatchObject({ name: 'Blue', size: 2, score: blue, part: Math.round(tally.Ada.score / 2) });
    expect(linus.you?.team).toMatchObject({ name: 'Red', size: 1, score: red, part: red });
    if (blueRank !== null) expect(ada.you?.team?.rank).toBe(blueRank);
    await expect(phone.getByTestId('team-line')).toHaveAttribute('data-team', 'Blue');
    await expect(phone.getByTestId('team-line')).toContainText(`${blue.toLocaleString('en-US')} pts (average of 2)`);
    await expect(phone.getByTestId('team-part')).toHaveText(`${Math.round(tally.Grace.score / 2).toLocaleString('en-US')} pts`);

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
      // The big screen's team board and the phone's standings (their numbers count up to these).
      await expect(screen.getByTestId('team-row')).toHaveCount(2);
      await expect(screen.locator('[data-testid="team-row"][data-team="Blue"] .team-row__score')).toHaveText(`${blue.toLocaleString('en-US')} avg`);
      await expect(screen.locator('[data-testid="team-row"][data-team="Red"] .team-row__score')).toHaveText(`${red.toLocaleString('en-US')} avg`);
      await expect(phone.getByTestId('team-line')).toHaveAttribute('data-team', 'Blue');
      await expect(phone.getByTestId('team-part'), "Grace's part of Blue's score").toHaveText(`${Math.round(tally.Grace.score / 2).toLocaleString('en-US')} pts`);
      await host.getByTestId('host-next').click();
    }
  }

  // ---- the end: the team podium on the big screen, Grace's part on her phone [R15.5]
  await expect(host.getByTestId('host-view')).toHaveAttribute('data-phase', 'finished');
  await expect(screen.getByTestId('screen-view')).toHaveAttribute('data-phase', 'finished');
  expect(tally.Grace.score, 'Grace: 6 right answers in a row (polls and clouds leave the streak), 1000 each plus 0+100+200+300+400+500').toBe(7500);
  const blue = Math.round((tally.Grace.score + tally.Ada.score) / 2);
  const red = tally.Linus.score;
  const [winner, second] = blue >= red ? ['Blue', 'Red'] : ['Red', 'Blue'];
  await expect(screen.getByTestId('podium')).toContainText(`Team ${winner}`);
  await expect(screen.getByTestId('podium')).toContainText(`Team ${second}`);
  await expect(screen.locator('[data-testid="team-row"]').first()).toHaveAttribute('data-team', winner);
  await expect(phone.getByTestId('team-line')).toHaveAttribute('data-team', 'Blue');
  await expect(phone.getByTestId('team-line')).toContainText(`${blue.toLocaleString('en-US')} pts (average of 2)`);
  await expect(phone.getByTestId('team-part')).toHaveText(`${Math.round(tally.Grace.score / 2).toLocaleString('en-US')} pts`);
  await expect(phone.getByTestId('team-line')).toContainText(`${blue >= red ? '1st' : '2nd'} of 2`);
  // (axe on the team podium and the phone's final view: teams.e2e.ts)
  await expectNoSidewaysScroll(phone, 'phone final with team');
  await shot(phone, '9-phone-final');
  await shot(screen, '9-screen-podium');
  for (const b of bots) b.close();

  // The results page names each kind, sums up the ones with no right answer, and ranks the teams.
  const results = await (await browser.newContext({ viewport: LAPTOP })).newPage();
  await results.goto(`/results/${room.code}`);
  await expect(results.getByTestId('question-stat')).toHaveCount(KINDS.length);
  await expect(results.getByTestId('kind-summary').filter({ hasText: 'Votes' })).toContainText('LoadBalancer 2');
  await expect(results.getByTestId('kind-summary').filter({ hasText: 'Words' })).toBeVisible();
  await expect(results.getByTestId('results-team')).toHaveCount(2);
  await expect(results.getByTestId('results-team').first()).toContainText(winner);
  await checkWide(results, 'results page with every kind and teams');
  await results.setViewportSize({ width: LAPTOP.width, height: 2200 });
  await shot(results, 'results-page');
});
