import { mkdirSync } from 'node:fs';
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';

/**
 * A whole quiz night in real browsers: one host (laptop), one big screen (projector), three players in separate
 * browser contexts (one of them on a phone viewport). Five questions per mode; a player refreshes mid-game and
 * keeps their score; in open-text mode the host overrides a verdict; the podium at the end. Screenshots of every
 * view are saved in tests/artifacts/ (and attached to the report).
 */

const ARTIFACTS = 'tests/artifacts';
mkdirSync(ARTIFACTS, { recursive: true });

async function shot(page: Page, name: string): Promise<void> {
  // Finite CSS animations (the podium rising) are fast-forwarded to their end state.
  await page.screenshot({ path: `${ARTIFACTS}/${name}.png`, fullPage: false, animations: 'disabled' });
}

interface Player {
  name: string;
  ctx: BrowserContext;
  page: Page;
}

async function newPlayer(browser: Browser, name: string, phone: boolean, code: string): Promise<Player> {
  const ctx = await browser.newContext(
    phone
      ? { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true }
      : { viewport: { width: 1280, height: 800 } },
  );
  const page = await ctx.newPage();
  await page.goto(`/play/${code}`);
  await page.getByTestId('nickname-input').fill(name);
  await page.getByTestId('join-submit').click();
  await expect(page.getByTestId('player-view')).toHaveAttribute('data-phase', 'lobby');
  await expect(page.getByTestId('waiting')).toBeVisible();
  return { name, ctx, page };
}

async function myScore(p: Player): Promise<number> {
  const text = (await p.page.getByTestId('header-score').textContent()) ?? '';
  return Number(text.replace(/[^\d]/g, ''));
}

/** What a player who knows the material types for the deck's first five cards (graded by the server). */
const GOOD_ANSWERS: Record<string, string> = {
  'How does Pod-to-Pod communication work?': 'every pod gets its own ip and pods reach each other directly without nat, across nodes too',
  'How does Kubernetes assign IP addresses?': 'the cni plugin ipam gives each pod a unique ip from the pod cidr',
  'What is CNI?': 'container network interface - the plugin standard that sets up pod networking',
  'Name some CNI plugins.': 'calico, flannel, cilium',
  'What is a Service?': 'a stable virtual ip and dns name that load balances traffic to a set of pods',
};

/** Confidently wrong answers (common confusions) for the same cards: the grader must mark them incorrect. */
const WRONG_ANSWERS: Record<string, string> = {
  'How does Pod-to-Pod communication work?': 'pods share the node ip and go through nat',
  'How does Kubernetes assign IP addresses?': 'kube-proxy gets them from a dhcp server',
  'What is CNI?': 'cluster network interface',
  'Name some CNI plugins.': 'istio, nginx',
  'What is a Service?': 'a pod that runs in the background like a daemon',
};

for (const mode of ['choice', 'text'] as const) {
  test(`a five-question ${mode} game: join, answer, refresh, override, podium`, async ({ browser }) => {
    test.setTimeout(300_000);
    // ---- host creates the room
    const hostCtx = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const host = await hostCtx.newPage();
    await host.goto('/');
    await expect(host.getByTestId('deck-select')).toHaveValue('kubernetes-networking');
    await host.getByTestId('mode-select').selectOption(mode);
    await host.getByTestId('time-limit').fill('60');
    await host.getByTestId('question-count').fill('5');
    if (mode === 'choice') await shot(host, 'home');
    await host.getByTestId('create-room').click();
    await expect(host.getByTestId('host-view')).toHaveAttribute('data-phase', 'lobby');
    const code = ((await host.getByTestId('room-code').textContent()) ?? '').trim();
    expect(code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{6}$/);
    await expect(host.getByTestId('qr').locator('svg')).toBeVisible();
    await expect(host.getByTestId('join-url')).toContainText(`/play/${code}`);

    // ---- the big screen
    const screenCtx = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const screen = await screenCtx.newPage();
    await screen.goto(`/screen/${code}`);
    await expect(screen.getByTestId('screen-view')).toHaveAttribute('data-phase', 'lobby');

    // ---- three players, one on a phone
    const players = [
      await newPlayer(browser, 'Ada', false, code),
      await newPlayer(browser, 'Linus', false, code),
      await newPlayer(browser, 'Grace', true, code),
    ];
    await expect(host.getByTestId('lobby-player')).toHaveCount(3);
    await expect(screen.getByTestId('lobby-player')).toHaveCount(3);

    // A nickname clash is refused with a clear message.
    const clashCtx = await browser.newContext();
    const clash = await clashCtx.newPage();
    await clash.goto(`/play/${code}`);
    await clash.getByTestId('nickname-input').fill(' ada ');
    await clash.getByTestId('join-submit').click();
    await expect(clash.getByTestId('join-error')).toContainText(/taken/i);
    await clashCtx.close();

    if (mode === 'choice') {
      await shot(host, 'host-lobby');
      await shot(screen, 'screen-lobby');
    }

    // The console hides the answer by default (it may be the only screen); this host has a big screen.
    await host.getByTestId('host-hide-answer').uncheck();
    await host.getByTestId('host-start').click();

    const [ada, linus, grace] = players as [Player, Player, Player];
    let overridden = false;
    for (let q = 0; q < 5; q++) {
      await expect(host.getByTestId('host-view')).toHaveAttribute('data-phase', 'question');
      for (const p of players) await expect(p.page.getByTestId('question-prompt')).toBeVisible();
      await expect(screen.getByTestId('question-prompt')).toBeVisible();
      const prompt = await screen.getByTestId('question-prompt').textContent();
      for (const p of players) await expect(p.page.getByTestId('question-prompt')).toHaveText(prompt ?? '');
      const correct = ((await host.getByTestId('host-correct').textContent()) ?? '').trim();
      expect(correct.length).toBeGreaterThan(0);
      // The correct answer is nowhere on the phones or the big screen while the question is open.
      if (mode === 'text') {
        for (const p of [...players.map((x) => x.page), screen]) {
          expect(await p.locator('body').innerText()).not.toContain(correct);
        }
      }

      if (q === 3) {
        // The host's laptop reloads mid-question: control comes back with the game where it was.
        await host.reload();
        await expect(host.getByTestId('host-view')).toHaveAttribute('data-phase', 'question');
        await expect(host.getByTestId('host-correct')).toHaveText(correct);
      }

      if (q === 2) {
        // Linus's phone reloads mid-game: same player, same score.
        const before = await myScore(linus);
        await linus.page.reload();
        await expect(linus.page.getByTestId('player-view')).toHaveAttribute('data-phase', 'question');
        await expect(linus.page.getByTestId('question-prompt')).toBeVisible();
        expect(await myScore(linus)).toBe(before);
        await expect(host.getByTestId('lobby-player')).toHaveCount(3); // the same Linus, not a new player
      }

      // Grace (phone) and Ada answer first and see "locked in"; Linus's answer is the last one and closes it.
      const answer = async (p: Player, right: boolean, useEnter = false) => {
        if (mode === 'choice') {
          const tiles = p.page.locator('[data-testid^="choice-"]');
          await expect(tiles).toHaveCount(4);
          await (right ? tiles.filter({ hasText: correct }) : tiles.filter({ hasNotText: correct })).first().click();
        } else {
          const good = GOOD_ANSWERS[prompt ?? ''] ?? correct;
          await p.page.getByTestId('text-answer').fill(right ? (p === grace ? good.toUpperCase() : good) : p === linus ? (WRONG_ANSWERS[prompt ?? ''] ?? 'idk') : 'idk');
          if (useEnter) await p.page.getByTestId('text-answer').press('Enter');
          else await p.page.getByTestId('submit-answer').click();
        }
      };
      await answer(grace, q % 2 === 0);
      await expect(grace.page.getByTestId('locked-in')).toBeVisible();
      if (q === 0) await shot(grace.page, `phone-locked-${mode}`);
      await answer(ada, true);
      await expect(ada.page.getByTestId('locked-in')).toBeVisible();
      await expect(host.getByTestId('answered-count')).toContainText('2 / 3');
      await answer(linus, false, true);

      // Everyone answered: the question closes by itself.
      await expect(host.getByTestId('host-view')).toHaveAttribute('data-phase', 'reveal');
      await expect(screen.getByTestId('reveal')).toBeVisible();
      await expect(screen.getByTestId('explanation')).not.toBeEmpty();
      await expect(ada.page.getByTestId('result')).toHaveAttribute('data-verdict', 'correct');
      await expect(linus.page.getByTestId('result')).toHaveAttribute('data-verdict', 'incorrect');
      if (mode === 'choice') {
        await expect(screen.locator('[data-testid="choice"][data-correct="true"]')).toHaveCount(1);
        await expect(screen.getByTestId('dist-bar')).toHaveCount(4);
      } else {
        await expect(screen.getByTestId('answer-group').first()).toBeVisible();
        await expect(ada.page.getByTestId('reference-answer')).toBeVisible();
      }
      if (q === 0) {
        await shot(screen, `screen-reveal-${mode}`);
        await shot(grace.page, `phone-result-${mode}`);
        await shot(host, `host-reveal-${mode}`);
      }

      if (mode === 'text' && !overridden) {
        // The host accepts Linus's answer: his score changes at once.
        const before = await myScore(linus);
        const row = host.locator('[data-testid="host-answer"][data-nickname="Linus"]');
        await expect(row).toHaveAttribute('data-verdict', 'incorrect');
        await row.getByTestId('override-accept').click();
        await expect(row).toHaveAttribute('data-verdict', 'correct');
        await expect(linus.page.getByTestId('result')).toHaveAttribute('data-verdict', 'correct');
        await expect.poll(() => myScore(linus)).toBeGreaterThan(before);
        overridden = true;
      }

      await host.getByTestId('host-next').click();
      if (q < 4) {
        await expect(host.getByTestId('host-view')).toHaveAttribute('data-phase', 'leaderboard');
        await expect(screen.getByTestId('leader-row').first()).toBeVisible();
        await expect(grace.page.getByTestId('my-rank')).toBeVisible();
        if (q === 0 && mode === 'choice') await shot(screen, 'screen-leaderboard');
        await host.getByTestId('host-next').click();
      }
      if (q === 0 && mode === 'choice') {
        await expect(screen.getByTestId('question-prompt')).toBeVisible();
        await shot(screen, 'screen-question');
        await shot(grace.page, 'phone-question');
        await shot(host, 'host-question');
      }
    }

    // ---- podium
    await expect(host.getByTestId('host-view')).toHaveAttribute('data-phase', 'finished');
    await expect(screen.getByTestId('podium')).toBeVisible();
    await expect(screen.locator('[data-testid="leader-row"][data-rank="1"]')).toHaveAttribute('data-nickname', 'Ada');
    await expect(ada.page.getByTestId('final-rank')).toContainText('1');
    await shot(screen, `podium-${mode}`);
    await shot(grace.page, `phone-final-${mode}`);

    // ---- the results page stays readable at its URL
    await host.getByTestId('results-link').click();
    await expect(host.getByTestId('results-table')).toBeVisible();
    await expect(host.getByTestId('results-row')).toHaveCount(3);
    await expect(host.locator('[data-testid="results-row"][data-rank="1"]')).toHaveAttribute('data-nickname', 'Ada');
    const adaScore = await myScore(ada);
    await expect(host.locator('[data-testid="results-row"][data-nickname="Ada"]')).toHaveAttribute('data-score', String(adaScore));
    await shot(host, `results-${mode}`);

    for (const c of [hostCtx, screenCtx, ...players.map((p) => p.ctx)]) await c.close();
  });
}

test('importing a deck from the web page: the messy seed file, then a malformed one', async ({ page }) => {
  await page.goto('/decks');
  await page.getByTestId('deck-file').setInputFiles('tests/fixtures/networking-seed.md');
  await page.getByTestId('deck-preview').click();
  await expect(page.getByTestId('card-preview')).toHaveCount(23);
  await page.getByTestId('deck-import').click();
  await expect(page.getByTestId('import-result')).toContainText('23');
  const deckId = ((await page.getByTestId('import-result').locator('code').first().textContent()) ?? '').trim();
  await expect(page.locator(`[data-testid="deck-row"][data-deck-id="${deckId}"]`)).toBeVisible();
  await shot(page, 'decks');
  await page.getByTestId('deck-file').setInputFiles({
    name: 'broken.md',
    mimeType: 'text/markdown',
    buffer: Buffer.from('# Broken\n\n### A question with no answer?\n### Another?\n> fine\n'),
  });
  await page.getByTestId('deck-preview').click();
  await expect(page.getByTestId('preview-errors')).toContainText('broken.md:3');
  // The imported deck can be hosted right away.
  await page.goto('/');
  await page.getByTestId('deck-select').selectOption(deckId);
  await page.getByTestId('create-room').click();
  await expect(page.getByTestId('host-view')).toHaveAttribute('data-phase', 'lobby');
});

test('error states: unknown room, bad host link, malformed deck upload', async ({ page }) => {
  await page.goto('/play/QQQQQQ');
  await expect(page.getByTestId('player-error')).toContainText(/no game|not found/i);
  await page.goto('/host/QQQQQQ');
  await expect(page.getByTestId('host-error')).toBeVisible();
  const res = await page.request.post('/api/decks', { data: { fileName: 'bad.md', text: '### Question with no answer?\n\n### Another?\n> fine\n' } });
  expect(res.status()).toBe(400);
  const body = (await res.json()) as { error: { message: string } };
  expect(body.error.message).toMatch(/bad\.md:1:/);
  const bad = await page.request.post('/api/rooms', { data: { deckId: 42 } });
  expect(bad.status()).toBe(400);
  const notJson = await page.request.post('/api/rooms', { data: 'not json', headers: { 'content-type': 'application/json' } });
  expect(notJson.status()).toBe(400);
});
