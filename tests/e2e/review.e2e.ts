import { mkdirSync } from 'node:fs';
import pg from 'pg';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { BIG, Bot, LAPTOP, createRoom, expectNoAxeViolations, expectNoSidewaysScroll, hostUrl, phoneContext, settle } from './ui-support';

/**
 * The review queue end to end [R16] (issue 13 items 2-5): a player with a profile misses cards in a live game,
 * follows "review the N you missed" from the phone, sees them due, answers, and sees them rescheduled with
 * their intervals; /me shows the reminder, the streak and mastery over time (history seeded in the database
 * when E2E_DATABASE_URL names it). Screenshots go to docs/screenshots/review/.
 */

const SHOTS = 'docs/screenshots/review';
mkdirSync(SHOTS, { recursive: true });

async function shot(page: Page, name: string, fullPage = false): Promise<void> {
  await settle(page).catch(() => undefined);
  const wide = (page.viewportSize()?.width ?? 0) > 1000;
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage, animations: 'disabled', ...(wide ? { scale: 'css' as const } : {}) });
}

interface Profile {
  id: string;
  displayName: string;
  recoveryCode: string;
}

async function newProfile(browser: Browser, name: string): Promise<Profile> {
  const api = (await browser.newContext()).request;
  const res = await api.post('/api/profiles', { data: { displayName: name } });
  expect(res.status()).toBe(201);
  return (await res.json()) as Profile;
}

async function asProfile(browser: Browser, p: Profile, viewport?: { width: number; height: number }) {
  const ctx = viewport ? await browser.newContext({ viewport }) : await phoneContext(browser);
  await ctx.addInitScript((v) => localStorage.setItem('quizroom:profile', v), JSON.stringify({ profileId: p.id, displayName: p.displayName, recoveryCode: p.recoveryCode }));
  return ctx;
}

test('missed in a live game, reviewed from the phone\'s link, rescheduled with intervals', async ({ browser }) => {
  test.setTimeout(180_000);
  const me = await newProfile(browser, 'Robin');
  const api = (await browser.newContext()).request;
  // Typed questions of cards 0 (a choice card in review), 2 and 3 (typed in review).
  const room = await createRoom(api, { mode: 'text', positions: [0, 2, 3], timeLimitSec: 60 });

  const phone = await (await asProfile(browser, me)).newPage();
  await phone.goto(`/play/${room.code}`);
  await phone.getByTestId('nickname-input').fill('Robin');
  await phone.getByTestId('join-submit').click();
  await expect(phone.getByTestId('waiting')).toBeVisible();

  const host = await (await browser.newContext({ viewport: LAPTOP })).newPage();
  await host.goto(hostUrl(room));
  await host.getByTestId('host-start').click();
  for (let i = 0; i < 3; i++) {
    await expect(phone.getByTestId('question-prompt')).toBeVisible();
    await phone.getByTestId('text-answer').fill('no idea');
    await phone.getByTestId('submit-answer').click();
    await expect(host.getByTestId('host-view')).toHaveAttribute('data-phase', 'reveal');
    await host.getByTestId('host-next').click();
    if (i < 2) {
      await expect(host.getByTestId('host-view')).toHaveAttribute('data-phase', 'leaderboard');
      await host.getByTestId('host-next').click();
      await expect(host.getByTestId('host-view')).toHaveAttribute('data-phase', 'question');
    }
  }

  // After the game: the phone offers the review of the three missed cards, and the study sheet.
  await expect(phone.getByTestId('final-rank')).toBeVisible();
  const link = phone.getByTestId('review-missed');
  await expect(link).toHaveText('Review the 3 you missed');
  await expect(phone.getByTestId('study-sheet-link')).toHaveAttribute('href', `/results/${room.code}`);
  await shot(phone, 'phone-after-game-review-link');
  await link.click();

  await expect(phone).toHaveURL(new RegExp(`/me/review\\?room=${room.code}$`));
  const card = phone.getByTestId('review-card');
  await expect(card).toBeVisible();
  await expect(phone.getByTestId('review-remaining')).toHaveText('3 left');
  await expectNoSidewaysScroll(phone, 'review card (phone)');
  await expectNoAxeViolations(phone, 'review card');
  await shot(phone, 'phone-review-card');

  const intervals: string[] = [];
  let selfRated = false;
  for (let i = 0; i < 3; i++) {
    await expect(card).toBeVisible();
    const kind = await card.getAttribute('data-kind');
    if (kind === 'choice') {
      await phone.getByTestId('review-choice').first().click();
    } else {
      await phone.getByTestId('review-input').fill('not sure');
      await phone.getByTestId('review-submit').click();
    }
    const reveal = phone.getByTestId('review-reveal');
    await expect(reveal).toBeVisible();
    await expect(phone.getByTestId('review-answer-text')).toBeVisible();
    const interval = phone.getByTestId('review-interval');
    await expect(interval).toContainText('next review in');
    if (kind === 'text' && (await reveal.getAttribute('data-verdict')) !== 'correct' && !selfRated) {
      // Missed again: again in 1 minute; "I knew it" reschedules it as Good, the next learning step (10 min).
      await expect(interval).toContainText('1 min');
      await expectNoAxeViolations(phone, 'review reveal');
      await shot(phone, 'phone-review-reveal', true);
      await phone.getByTestId('knew-it').click();
      await expect(interval).toContainText('10 min');
      await expect(phone.getByTestId('knew-it')).toHaveCount(0);
      selfRated = true;
    }
    intervals.push((await interval.textContent()) ?? '');
    await phone.getByTestId('review-next').click();
  }
  expect(selfRated).toBe(true);
  const done = phone.getByTestId('review-done');
  await expect(done).toBeVisible();
  await expect(phone.getByTestId('review-rescheduled').locator('li')).toHaveCount(3);
  await expect(phone.getByTestId('review-rescheduled')).toContainText('again in');
  await shot(phone, 'phone-review-done');

  // /me: the reminder line and the streak; the three cards are in their learning steps (due again today).
  await phone.goto('/me');
  await expect(phone.getByTestId('study-reminder')).toHaveText(/^3 due today, 2 min$/);
  await expect(phone.getByTestId('study-streak')).toContainText('1-day study streak');
  await expect(phone.getByTestId('mastery-chart').first()).toBeVisible();
  await expectNoSidewaysScroll(phone, '/me (phone)');
  await expectNoAxeViolations(phone, '/me');
  await shot(phone, 'phone-me-study', true);
});

test('/me shows mastery over time (history seeded in the database)', async ({ browser }) => {
  const url = process.env.E2E_DATABASE_URL;
  test.skip(!url, 'seeding history needs E2E_DATABASE_URL (the server\'s Postgres database)');
  test.setTimeout(120_000);
  const me = await newProfile(browser, 'Sasha');
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    const cards = (await db.query<{ id: string }>(`SELECT id FROM "Card" WHERE "deckId" = 'kubernetes-networking' ORDER BY position`)).rows;
    const DAY = 86_400_000;
    const now = Date.now();
    // Three weeks of study: more cards each week, each review leaving a longer stability.
    const plan: [number, number, number][] = [
      [21, 6, 3],
      [14, 12, 8],
      [7, 18, 20],
      [2, 20, 40],
    ];
    let n = 0;
    for (const [daysAgo, count, stability] of plan) {
      for (const c of cards.slice(0, count)) {
        const at = new Date(now - daysAgo * DAY);
        await db.query(
          `INSERT INTO "ReviewLog" (id, "profileId", "cardId", "deckId", source, verdict, rating, "elapsedMs", "reviewedAt", phase, stability, difficulty, due, "scheduledDays")
           VALUES ($1, $2, $3, 'kubernetes-networking', 'live', 'correct', 3, 8000, $4, 'review', $5, 5, $6, $7)`,
          [`seed-${me.id}-${n++}`, me.id, c.id, at, stability, new Date(at.getTime() + stability * DAY), stability],
        );
        await db.query(
          `INSERT INTO "ReviewCard" ("profileId", "cardId", "deckId", phase, due, stability, difficulty, "scheduledDays", "learningSteps", reps, lapses, "lastReview", "updatedAt")
           VALUES ($1, $2, 'kubernetes-networking', 'review', $3, $4, 5, $5, 0, 1, 0, $6, now())
           ON CONFLICT ("profileId", "cardId") DO UPDATE SET due = $3, stability = $4, "scheduledDays" = $5, "lastReview" = $6, reps = "ReviewCard".reps + 1`,
          [me.id, c.id, new Date(at.getTime() + stability * DAY), stability, stability, at],
        );
      }
    }
  } finally {
    await db.end();
  }

  const desk = await (await asProfile(browser, me, BIG)).newPage();
  await desk.goto('/me');
  const chart = desk.getByTestId('mastery-chart').first();
  await expect(chart).toBeVisible();
  await expect(chart).toHaveAttribute('data-points', '30');
  // 20 of 23 cards reviewed 2 days ago with a 40-day stability: 87 % today; 0 % thirty days ago.
  await expect(desk.getByTestId('mastery-today').first()).toHaveText('87%');
  await expect(desk.getByTestId('mastery-topics')).toBeVisible();
  await expectNoAxeViolations(desk, '/me with mastery (desktop)');
  await desk.getByTestId('mastery').scrollIntoViewIfNeeded();
  await shot(desk, 'desktop-me-mastery', true);

  const phone = await (await asProfile(browser, me)).newPage();
  await phone.goto('/me');
  await expect(phone.getByTestId('mastery-chart').first()).toHaveAttribute('data-points', '30');
  await expectNoSidewaysScroll(phone, '/me mastery (phone)');
  await phone.getByTestId('mastery').scrollIntoViewIfNeeded();
  await shot(phone, 'phone-me-mastery');
});

test('a group\'s insights show its mastery this month across its members', async ({ browser, baseURL }) => {
  const url = process.env.E2E_DATABASE_URL;
  test.skip(!url, 'seeding history needs E2E_DATABASE_URL (the server\'s Postgres database)');
  test.setTimeout(120_000);
  const api = (await browser.newContext()).request;
  const group = (await (await api.post('/api/groups', { data: { name: 'Interview prep' } })).json()) as { id: string; adminToken: string };
  const members = [await newProfile(browser, 'Kim'), await newProfile(browser, 'Lee')];
  const res = await api.post('/api/rooms', {
    data: {
      deckId: 'kubernetes-networking',
      settings: { mode: 'choice', timeLimitSec: 60, points: true, speedBonus: true, autoAdvance: false, autoAdvanceSec: 8 },
      positions: [0],
      group,
    },
  });
  expect(res.status()).toBe(201);
  const room = (await res.json()) as { code: string; hostToken: string };
  const bots = [];
  for (const m of members) bots.push(await Bot.join(baseURL ?? '', room.code, m.displayName, m.recoveryCode));
  const host = await (await browser.newContext({ viewport: LAPTOP })).newPage();
  await host.goto(hostUrl(room));
  await host.getByTestId('host-start').click();
  for (const b of bots) await b.answer({ choiceIndex: 0 });
  await expect(host.getByTestId('host-view')).toHaveAttribute('data-phase', 'reveal');
  await host.getByTestId('host-next').click();
  await expect(host.getByTestId('host-view')).toHaveAttribute('data-phase', 'finished');
  for (const b of bots) b.close();

  // Their study since: each member reviewed 10 cards two days ago, leaving a 40-day stability.
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    const cards = (await db.query<{ id: string }>(`SELECT id FROM "Card" WHERE "deckId" = 'kubernetes-networking' ORDER BY position`)).rows;
    const at = new Date(Date.now() - 2 * 86_400_000);
    let n = 0;
    for (const m of members) {
      for (const c of cards.slice(1, 11)) {
        await db.query(
          `INSERT INTO "ReviewLog" (id, "profileId", "cardId", "deckId", source, verdict, rating, "elapsedMs", "reviewedAt", phase, stability, difficulty, due, "scheduledDays")
           VALUES ($1, $2, $3, 'kubernetes-networking', 'review', 'correct', 3, 8000, $4, 'review', 40, 5, $5, 40)`,
          [`gseed-${m.id}-${n++}`, m.id, c.id, at, new Date(at.getTime() + 40 * 86_400_000)],
        );
      }
    }
  } finally {
    await db.end();
  }

  const desk = await (await browser.newContext({ viewport: BIG })).newPage();
  await desk.goto(`/groups/${group.id}/insights`);
  const mastery = desk.getByTestId('group-mastery');
  await expect(mastery).toBeVisible();
  await expect(mastery).toContainText('2 members');
  await expect(desk.getByTestId('group-mastery-row').first()).toContainText('→');
  await mastery.scrollIntoViewIfNeeded();
  await shot(desk, 'desktop-group-insights-mastery');
});
