import { mkdirSync } from 'node:fs';
import { expect, test, type Browser, type Page } from '@playwright/test';

/**
 * Bringing a deck (issue 9): paste Markdown with code, preview every card, try an answer, import and keep the
 * edit link; edit with the link and be refused without it; then a game on that deck with its code highlighted
 * on a 390-px phone and on a 1920x1080 big screen. Screenshots go to docs/screenshots/decks/.
 */

const ARTIFACTS = 'docs/screenshots/decks';
mkdirSync(ARTIFACTS, { recursive: true });

async function shot(page: Page, name: string, fullPage = false): Promise<void> {
  await page.screenshot({ path: `${ARTIFACTS}/${name}.png`, fullPage, animations: 'disabled' });
}

const LONG_GO_LINE = '\tfmt.Println(strings.Repeat("a long line that must scroll inside its box, never the page ", 2))';

const DECK = `# Go and SQL warm-up
id: go-sql-e2e
description: Code questions for a study group.

### What does this Go program print?
\`\`\`go
package main

import "fmt"

func main() {
	s := []int{1, 2}
	s = append(s, 3)
	fmt.Println(len(s))
${LONG_GO_LINE}
}
\`\`\`
> \`3\`: \`append\` grows the slice to three elements.
Choices:
- [x] \`3\`
- [ ] \`2\`
- [ ] a compile error
- [ ] \`panic: index out of range\`
Mode: choice

### Which keyword makes each \`team\` appear once in this result?
\`\`\`sql
SELECT team FROM players ORDER BY team;
\`\`\`
> \`DISTINCT\` removes duplicate rows; \`GROUP BY team\` *also* works.
>
> \`\`\`sql
> SELECT DISTINCT team FROM players ORDER BY team;
> \`\`\`
Accept: distinct
Wrong: unique
Mode: text

### What does \`kubectl get pods -o yaml\` print?
> Each Pod as a full YAML manifest, for example:
>
> \`\`\`yaml
> apiVersion: v1
> kind: Pod
> metadata:
>   name: web
> \`\`\`
Accept: the pod manifest as yaml | full yaml of the pods
Mode: text
`;

const SQL_PROMPT = 'Which keyword makes each team appear once in this result?';

interface Imported {
  id: string;
  editUrl: string;
}

async function importByPaste(page: Page): Promise<Imported> {
  await page.goto('/decks');
  await page.getByTestId('deck-text').fill(DECK);
  await page.getByTestId('deck-preview').click();
  const cards = page.getByTestId('card-preview');
  await expect(cards).toHaveCount(3);
  // Each card as players will see it: the code highlighted, the choices, the reference, the key ideas.
  await expect(cards.nth(0).locator('pre.code--hl[data-lang="go"] span[style*="--shiki-dark"]').first()).toBeVisible();
  await expect(cards.nth(0).locator('.card-preview__choice--correct')).toContainText('3');
  await expect(cards.nth(1).getByTestId('card-prompt').locator('code')).toHaveText('team');
  await expect(cards.nth(1).getByTestId('card-answer').locator('pre.code--hl[data-lang="sql"]')).toBeVisible();
  await expect(cards.nth(2).getByTestId('card-answer').locator('pre.code--hl[data-lang="yaml"]')).toBeVisible();

  // Try an answer before importing: the grader's verdict, score and ideas.
  const sql = cards.nth(1);
  await sql.getByTestId('try-input').fill('SELECT DISTINCT');
  await sql.getByTestId('try-submit').click();
  await expect(sql.getByTestId('try-result')).toHaveAttribute('data-verdict', 'correct');
  await expect(sql.getByTestId('try-result')).toContainText('score 1.00');
  await sql.getByTestId('try-input').fill('unique');
  await sql.getByTestId('try-submit').click();
  await expect(sql.getByTestId('try-result')).toHaveAttribute('data-verdict', 'incorrect');
  await shot(page, 'decks-preview', true);

  await page.getByTestId('deck-import').click();
  await expect(page.getByTestId('import-result')).toContainText('Imported “Go and SQL warm-up”');
  const editUrl = await page.getByTestId('edit-url').inputValue();
  expect(editUrl).toMatch(/\/decks\/go-sql-e2e#edit=[\w-]{43}$/);
  await shot(page, 'decks-imported');
  return { id: 'go-sql-e2e', editUrl };
}

test('a deck by paste: preview, try an answer, import, edit with the link and be refused without it', async ({ browser, page }) => {
  test.setTimeout(180_000);
  const deck = await importByPaste(page);

  // The creator's browser keeps the token: the deck's page offers Edit and Delete.
  await page.getByTestId('open-deck').click();
  await expect(page.getByTestId('deck-view')).toHaveAttribute('data-owner', 'owner');
  await expect(page.getByTestId('deck-edit')).toBeVisible();

  // Another browser without the link: read-only, and the API refuses a change.
  const stranger = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
  const s = await stranger.newPage();
  await s.goto(`/decks/${deck.id}`);
  await expect(s.getByTestId('deck-view')).toHaveAttribute('data-owner', 'none');
  await expect(s.getByTestId('read-only')).toContainText('Only the holder of this deck’s edit link');
  await expect(s.getByTestId('deck-edit')).toHaveCount(0);
  await expect(s.getByTestId('card-preview')).toHaveCount(3);
  // The deck's content fits the phone: code scrolls inside its box. (The site header's width is not this page's.)
  expect(await s.evaluate(() => document.getElementById('main')?.scrollWidth ?? 0)).toBeLessThanOrEqual(390);
  expect(await s.getByTestId('card-preview').evaluateAll((els) => Math.max(...els.map((e) => e.getBoundingClientRect().right)))).toBeLessThanOrEqual(390);
  expect(await s.locator('.card-preview pre.code').first().evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
  await shot(s, 'deck-page-phone');
  const refused = await s.request.put(`/api/decks/${deck.id}`, { data: { text: DECK.replace('warm-up', 'hijacked') } });
  expect(refused.status()).toBe(403);
  expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('not_owner');
  const wrongLink = await s.request.put(`/api/decks/${deck.id}`, {
    data: { text: DECK },
    headers: { authorization: `Bearer ${'x'.repeat(43)}` },
  });
  expect(wrongLink.status()).toBe(403);
  // A forged edit link is refused in the page too.
  await s.goto(`/decks/${deck.id}#edit=${'y'.repeat(43)}`);
  await expect(s.getByTestId('not-owner')).toBeVisible();
  await expect(s.getByTestId('deck-edit')).toHaveCount(0);
  await stranger.close();

  // The edit link opened in a fresh browser makes it the owner's; the token leaves the address bar.
  const laptop = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const owner = await laptop.newPage();
  await owner.goto(deck.editUrl.replace(/^https?:\/\/[^/]+/, ''));
  await expect(owner.getByTestId('deck-view')).toHaveAttribute('data-owner', 'owner');
  expect(owner.url()).not.toContain('#edit=');

  // Edit in the form: a bad field is reported at its card, with its line; then a good edit is saved.
  await owner.getByTestId('deck-edit').click();
  const forms = owner.getByTestId('card-form');
  await expect(forms).toHaveCount(3);
  await forms.nth(1).getByTestId('form-answer').fill('');
  await owner.getByTestId('editor-save').click();
  await expect(forms.nth(1).locator('.card-form__problems')).toContainText(/line \d+: card ".*" has no answer/);
  await expect(owner.getByTestId('deck-issue').first()).toContainText('card 2');
  await shot(owner, 'deck-editor-error');
  await forms.nth(1).getByTestId('form-answer').fill('`DISTINCT` removes duplicate rows.');
  await forms.nth(1).getByTestId('form-prompt').fill(SQL_PROMPT.replace('team', '`team`') + ' (SQL)');
  await owner.getByTestId('editor-save').click();
  await expect(owner.getByTestId('deck-editor')).toHaveCount(0);
  await expect(owner.getByTestId('card-prompt').nth(1)).toHaveText(`${SQL_PROMPT} (SQL)`);

  // Edit the Markdown: an error keeps its line number.
  await owner.getByTestId('deck-edit').click();
  await owner.getByTestId('editor-markdown').click();
  const text = await owner.getByTestId('editor-text').inputValue();
  await owner.getByTestId('editor-text').fill(text.replace('Mode: choice', 'Mode: sometimes'));
  await owner.getByTestId('editor-save').click();
  const line = text.split('\n').indexOf('Mode: choice') + 1;
  await expect(owner.getByTestId('deck-issue')).toContainText(`go-sql-e2e.md:${line}`);
  await expect(owner.getByTestId('deck-issue')).toContainText('"Mode:" must be one of choice, text');
  await owner.getByTestId('editor-text').fill(text.replace('# Go and SQL warm-up', '# Go and SQL, edited'));
  await owner.getByTestId('editor-save').click();
  await expect(owner.getByTestId('deck-title')).toHaveText('Go and SQL, edited');
  await shot(owner, 'deck-page-owner', true);

  // Export gives Markdown that imports back.
  const exported = await owner.request.get(`/api/decks/${deck.id}/export`);
  expect(exported.headers()['content-type']).toContain('text/markdown');
  expect(await exported.text()).toContain('# Go and SQL, edited');
  await laptop.close();
});

async function phone(browser: Browser, code: string, name: string): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  const p = await ctx.newPage();
  await p.goto(`/play/${code}`);
  await p.getByTestId('nickname-input').fill(name);
  await p.getByTestId('join-submit').click();
  await expect(p.getByTestId('player-view')).toHaveAttribute('data-phase', 'lobby');
  return p;
}

test('a game on an imported deck: code highlighted on the phone and the big screen', async ({ browser }) => {
  test.setTimeout(180_000);
  const setup = await browser.newPage();
  const res = await setup.request.post('/api/decks', { data: { fileName: 'game.md', text: DECK.replace('id: go-sql-e2e', 'id: go-sql-game') } });
  expect(res.status()).toBe(201);
  await setup.close();

  const hostCtx = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const host = await hostCtx.newPage();
  await host.goto('/?deck=go-sql-game');
  await host.getByTestId('deck-select').selectOption('go-sql-game');
  await host.getByTestId('mode-select').selectOption('mixed');
  await host.getByTestId('time-limit').fill('120');
  await host.getByTestId('create-room').click();
  await expect(host.getByTestId('host-view')).toHaveAttribute('data-phase', 'lobby');
  const code = ((await host.getByTestId('room-code').textContent()) ?? '').trim();

  const screenCtx = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const screen = await screenCtx.newPage();
  await screen.goto(`/screen/${code}`);
  const grace = await phone(browser, code, 'Grace');
  const rob = await phone(browser, code, 'Rob');
  await expect(host.getByTestId('lobby-player')).toHaveCount(2);
  await host.getByTestId('host-start').click();

  // Question 1: Go code under the question, choices with inline code.
  for (const p of [grace, screen]) {
    await expect(p.getByTestId('question-prompt')).toHaveText('What does this Go program print?');
    await expect(p.locator('[data-testid="question-code"] pre.code--hl[data-lang="go"]')).toBeVisible();
    await expect(p.locator('[data-testid="question-code"] span[style*="--shiki-dark"]').first()).toBeVisible();
  }
  await expect(grace.locator('[data-testid^="choice-"] code').first()).toBeVisible();
  // The long line scrolls inside the code box; the phone's page never scrolls sideways.
  const box = grace.locator('[data-testid="question-code"] pre.code');
  expect(await box.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
  expect(await grace.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  expect(await screen.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1920);
  await shot(grace, 'decks-phone-question-code');
  await shot(screen, 'decks-screen-question-code');
  await shot(host, 'decks-host-question-code');

  const tile = (p: Page, text: string) => p.locator('[data-testid^="choice-"]').filter({ has: p.locator('code', { hasText: new RegExp(`^${text}$`) }) });
  await tile(grace, '3').click();
  await tile(rob, '2').click();
  await expect(host.getByTestId('host-view')).toHaveAttribute('data-phase', 'reveal');
  await expect(grace.getByTestId('result')).toHaveAttribute('data-verdict', 'correct');
  await expect(rob.getByTestId('result')).toHaveAttribute('data-verdict', 'incorrect');
  await expect(screen.getByTestId('explanation').locator('code').first()).toHaveText('3');
  await host.getByTestId('host-next').click();
  await host.getByTestId('host-next').click();

  // Question 2 (typed): SQL under the question; the reveal's reference has its own highlighted block.
  await expect(grace.getByTestId('question-prompt')).toHaveText(SQL_PROMPT);
  await expect(grace.locator('[data-testid="question-code"] pre.code--hl[data-lang="sql"]')).toBeVisible();
  await expect(screen.locator('[data-testid="question-code"] pre.code--hl[data-lang="sql"]')).toBeVisible();
  await shot(grace, 'decks-phone-question-sql');
  await shot(screen, 'decks-screen-question-sql');
  await grace.getByTestId('text-answer').fill('distinct');
  await grace.getByTestId('submit-answer').click();
  await rob.getByTestId('text-answer').fill('unique');
  await rob.getByTestId('submit-answer').click();
  await expect(host.getByTestId('host-view')).toHaveAttribute('data-phase', 'reveal');
  await expect(grace.getByTestId('result')).toHaveAttribute('data-verdict', 'correct');
  await expect(grace.locator('[data-testid="reference-answer"] pre.code--hl[data-lang="sql"]')).toBeVisible();
  await expect(screen.locator('[data-testid="explanation"] pre.code--hl[data-lang="sql"]')).toBeVisible();
  expect(await grace.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await shot(grace, 'decks-phone-reveal-sql', true);
  await shot(screen, 'decks-screen-reveal-sql');
  await shot(host, 'decks-host-reveal-sql');

  for (const c of [hostCtx, screenCtx, grace.context(), rob.context()]) await c.close();
});
