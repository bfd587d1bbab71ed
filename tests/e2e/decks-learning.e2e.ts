import { mkdirSync } from 'node:fs';
import { expect, test, type Browser, type Page } from '@playwright/test';

/**
 * Issue 9, items 2 and 6 end to end: a deck written with questions and references only is played; at the reveal
 * the host sees the answer groups the grader is unsure of first and settles groups with one tap; phones show
 * their own answer and why; the big screen and the phones show the reference's short answer in plain words;
 * the next game of the same deck grades the same answer as the host did; the deck's page lists what it learned,
 * its owner removes an example, and the Markdown export carries them as `Accept:` / `Wrong:` lines.
 * Phones are 390x844, the big screen 1920x1080, the host console 1366x768. Screenshots: docs/screenshots/decks/.
 */

const SHOTS = 'docs/screenshots/decks';
mkdirSync(SHOTS, { recursive: true });

async function shot(page: Page, name: string, fullPage = false): Promise<void> {
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage, animations: 'disabled' });
}

const DECK = `# Kubernetes storage, brought along
id: storage-learns
description: Questions and reference answers only, no grading fields.

### What is a PersistentVolumeClaim (PVC)?
> A request for storage by a user: a Pod asks for a size and an access mode, and the claim binds to a PersistentVolume (PV) that fits.

### What happens to the data of a PVC when its Pod is deleted?
> The data stays: the claim and its volume outlive the Pod.

### Name some CNI plugins.
> Widely used plugins:
>
> * Calico – routed networking with Network Policy
> * Flannel – a simple VXLAN overlay
> * Cilium – eBPF-based networking
> * Weave Net – a mesh overlay

### How do you list the claims of a namespace?
\`\`\`shell
kubectl get pvc -n shop
\`\`\`
> Run \`kubectl get pvc -n <namespace>\`: it prints each claim with its status, volume and capacity.
`;

const TICKET = 'Like a ticket: you say I need 10Gi RWO and the cluster pairs you with a volume';
const DISK = 'a disk';

async function phone(browser: Browser, code: string, name: string): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  const p = await ctx.newPage();
  await p.goto(`/play/${code}`);
  await p.getByTestId('nickname-input').fill(name);
  await p.getByTestId('join-submit').click();
  await expect(p.getByTestId('player-view')).toHaveAttribute('data-phase', 'lobby');
  return p;
}

async function newGame(browser: Browser, questions: number): Promise<{ host: Page; code: string }> {
  const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const host = await ctx.newPage();
  await host.goto('/?deck=storage-learns');
  await host.getByTestId('deck-select').selectOption('storage-learns');
  await host.getByTestId('mode-select').selectOption('text');
  await host.getByTestId('time-limit').fill('120');
  await host.getByTestId('question-count').fill(String(questions));
  await host.getByTestId('create-room').click();
  await expect(host.getByTestId('host-view')).toHaveAttribute('data-phase', 'lobby');
  const code = ((await host.getByTestId('room-code').textContent()) ?? '').trim();
  return { host, code };
}

async function type(p: Page, text: string): Promise<void> {
  await p.getByTestId('text-answer').fill(text);
  await p.getByTestId('submit-answer').click();
  // Locked in, or (the last answer closes the question) straight to the result.
  await expect(p.getByTestId('locked-in').or(p.getByTestId('result'))).toBeVisible();
}

test('the deck learns from the host, and the reveal says what and why', async ({ browser }) => {
  test.setTimeout(300_000);
  const setup = await browser.newPage();
  const res = await setup.request.post('/api/decks', { data: { fileName: 'storage.md', text: DECK } });
  expect(res.status()).toBe(201);
  const { editToken } = (await res.json()) as { editToken: string };
  await setup.close();

  // ---------- game 1 ----------
  const { host, code } = await newGame(browser, 4);
  const screenCtx = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const screen = await screenCtx.newPage();
  await screen.goto(`/screen/${code}`);
  const grace = await phone(browser, code, 'Grace');
  const rob = await phone(browser, code, 'Rob');
  await expect(host.getByTestId('lobby-player')).toHaveCount(2);
  await host.getByTestId('host-start').click();

  // Q1: an analogy the grader rejects, and a bare word it is unsure of.
  await expect(grace.getByTestId('question-prompt')).toHaveText('What is a PersistentVolumeClaim (PVC)?');
  await type(grace, TICKET);
  await type(rob, DISK);
  await expect(host.getByTestId('host-view')).toHaveAttribute('data-phase', 'reveal');
  const groups = host.getByTestId('host-group');
  await expect(groups).toHaveCount(2);
  // Unsure groups come first, marked, with the grader's reason.
  await expect(groups.first()).toHaveAttribute('data-unsure', 'true');
  await expect(groups.first()).toHaveAttribute('data-text', DISK);
  await expect(groups.first().getByTestId('unsure-badge')).toBeVisible();
  await expect(groups.nth(1)).toHaveAttribute('data-unsure', 'false');
  await expect(groups.nth(1)).toHaveAttribute('data-verdict', 'incorrect');
  await expect(groups.nth(1).getByTestId('group-explanation')).toHaveText('nothing of the reference answer');
  // The short answer in plain words on all three screens: no matcher syntax, no "also:" list.
  const short = 'A request for storage by a user';
  await expect(host.getByTestId('host-correct')).toHaveText(short);
  await expect(screen.getByTestId('screen-short-answer')).toHaveText(short);
  await expect(grace.getByTestId('short-answer')).toContainText(short);
  await expect(screen.locator('.sr__also')).toHaveCount(0);
  // Each phone: its own answer and why.
  await expect(grace.getByTestId('result')).toHaveAttribute('data-verdict', 'incorrect');
  await expect(grace.getByTestId('my-answer')).toHaveText(TICKET);
  await expect(grace.getByTestId('why')).toContainText('nothing of the reference answer');
  await shot(host, 'host-reveal-unsure-first');
  await shot(screen, 'screen-reveal-short-answer');
  await shot(grace, 'phone-reveal-why-before-override', true);

  // One tap per group: the unsure one is wrong, the analogy is right.
  await groups.first().getByTestId('group-reject').click();
  await expect(groups.filter({ hasText: DISK })).toHaveAttribute('data-unsure', 'false');
  await groups.filter({ hasText: 'Like a ticket' }).getByTestId('group-accept').click();
  await expect(groups.filter({ hasText: 'Like a ticket' })).toHaveAttribute('data-verdict', 'correct');
  await expect(grace.getByTestId('result')).toHaveAttribute('data-verdict', 'correct');
  await expect(grace.getByTestId('why')).toContainText('accepted by the host');
  await expect(rob.getByTestId('result')).toHaveAttribute('data-verdict', 'incorrect');
  await shot(host, 'host-reveal-settled');
  await shot(grace, 'phone-reveal-after-override', true);
  await host.getByTestId('host-next').click();
  await host.getByTestId('host-next').click();

  // Q2: a false lifetime, explained.
  await expect(grace.getByTestId('question-prompt')).toHaveText('What happens to the data of a PVC when its Pod is deleted?');
  await type(grace, 'the data stays, the pvc and its volume outlive the pod');
  await type(rob, 'it is gone with the pod');
  await expect(rob.getByTestId('result')).toHaveAttribute('data-verdict', 'incorrect');
  await expect(rob.getByTestId('my-answer')).toHaveText('it is gone with the pod');
  await expect(rob.getByTestId('why')).toHaveText(/it lasts, it is not removed/);
  await expect(grace.getByTestId('result')).toHaveAttribute('data-verdict', 'correct');
  await shot(rob, 'phone-reveal-why-lifetime', true);
  await host.getByTestId('host-next').click();
  await host.getByTestId('host-next').click();

  // Q3: a "name some" card: how many were needed, and no wall of missing plugins.
  await expect(grace.getByTestId('question-prompt')).toHaveText('Name some CNI plugins.');
  await type(grace, 'calico and cilium');
  await type(rob, 'calico');
  await expect(grace.getByTestId('result')).toHaveAttribute('data-verdict', 'correct');
  await expect(grace.getByTestId('why')).toHaveText(/2 of 2 needed/);
  await expect(grace.getByTestId('missing-idea')).toHaveCount(0);
  await expect(rob.getByTestId('result')).toHaveAttribute('data-verdict', 'partial');
  await expect(rob.getByTestId('why')).toHaveText(/1 of 2 needed/);
  expect(await rob.getByTestId('missing-idea').count()).toBeLessThanOrEqual(3);
  await expect(screen.getByTestId('screen-short-answer')).toHaveText(/^Calico, Flannel, Cilium, Weave Net/);
  await shot(grace, 'phone-reveal-name-some', true);
  await shot(screen, 'screen-reveal-name-some');
  await host.getByTestId('host-next').click();
  await host.getByTestId('host-next').click();

  // Q4: shell code under the question, highlighted on the phone and the big screen.
  for (const p of [grace, screen]) {
    await expect(p.locator('[data-testid="question-code"] pre.code--hl')).toBeVisible();
    await expect(p.locator('[data-testid="question-code"] span[style*="--shiki-dark"]').first()).toBeVisible();
  }
  expect(await grace.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await shot(grace, 'phone-question-shell');
  await shot(screen, 'screen-question-shell');
  await host.getByTestId('host-reveal').click();
  await expect(host.getByTestId('host-view')).toHaveAttribute('data-phase', 'reveal');
  await host.getByTestId('host-next').click();
  await expect(host.getByTestId('host-view')).toHaveAttribute('data-phase', 'finished');
  for (const c of [host.context(), screenCtx, grace.context(), rob.context()]) await c.close();

  // ---------- game 2: the same answers, graded as the host settled them ----------
  const second = await newGame(browser, 1);
  const ada = await phone(browser, second.code, 'Ada');
  const bo = await phone(browser, second.code, 'Bo');
  await second.host.getByTestId('host-start').click();
  await type(ada, TICKET);
  await type(bo, 'A disk!');
  await expect(ada.getByTestId('result')).toHaveAttribute('data-verdict', 'correct');
  await expect(ada.getByTestId('why')).toHaveText(/like an answer the host accepted/);
  await expect(bo.getByTestId('result')).toHaveAttribute('data-verdict', 'incorrect');
  await expect(bo.getByTestId('why')).toHaveText(/like an answer the host marked wrong/);
  // Nothing left for the host to settle.
  await expect(second.host.getByTestId('host-group').filter({ has: second.host.getByTestId('unsure-badge') })).toHaveCount(0);
  await shot(ada, 'phone-next-game-learned', true);
  await shot(second.host, 'host-next-game-learned');
  for (const c of [second.host.context(), ada.context(), bo.context()]) await c.close();

  // ---------- the deck's page and its export ----------
  const laptop = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const owner = await laptop.newPage();
  await owner.goto(`/decks/storage-learns#edit=${editToken}`);
  await expect(owner.getByTestId('deck-view')).toHaveAttribute('data-owner', 'owner');
  const pvc = owner.getByTestId('card-preview').first();
  await expect(pvc.getByTestId('example')).toHaveCount(2);
  await expect(pvc.getByTestId('example').filter({ hasText: TICKET })).toContainText('accepted');
  await expect(pvc.getByTestId('example').filter({ hasText: DISK })).toContainText('wrong');
  // The try box grades as a game would, learned examples included.
  await pvc.getByTestId('try-input').fill(TICKET);
  await pvc.getByTestId('try-submit').click();
  await expect(pvc.getByTestId('try-result')).toHaveAttribute('data-verdict', 'correct');
  await expect(pvc.getByTestId('try-why')).toHaveText('like an answer the host accepted');
  await shot(owner, 'deck-page-learned', true);
  const exported = await (await owner.request.get('/api/decks/storage-learns/export')).text();
  expect(exported).toContain(`Accept: ${TICKET}`);
  expect(exported).toContain(`Wrong: ${DISK}`);
  // A stranger cannot remove an example; the owner can.
  const ex = (await (await owner.request.get('/api/decks/storage-learns/examples')).json()) as { examples: { id: string; text: string }[] };
  const disk = ex.examples.find((e) => e.text === DISK)!;
  const refused = await owner.request.delete(`/api/decks/storage-learns/examples/${disk.id}`);
  expect(refused.status()).toBe(403);
  owner.once('dialog', (d) => void d.accept());
  await pvc.getByTestId('example').filter({ hasText: DISK }).getByTestId('example-remove').click();
  await expect(pvc.getByTestId('example')).toHaveCount(1);
  expect(await (await owner.request.get('/api/decks/storage-learns/export')).text()).not.toContain(`Wrong: ${DISK}`);
  await laptop.close();
});
