import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { BUDGET_KB, measurePhoneJs } from '../../tools/scripts/phone-js';

/**
 * The phone's game page stays under 200 KB of gzipped JavaScript (README, docs/PERFORMANCE.md). The figure
 * comes from the production build's manifests (`npm run budget:phone`); a real phone load checks that the
 * page fetches no script outside that list, so the figure is all the phone downloads.
 */
const NEXT_DIR = fileURLToPath(new URL('../../.next', import.meta.url));

test(`the phone's game page loads at most ${BUDGET_KB} KB of gzipped JavaScript`, async ({ browser, request }) => {
  const measured = measurePhoneJs(NEXT_DIR);
  console.log(`phone JS: ${(measured.gzip / 1024).toFixed(1)} KB gzipped in ${measured.files.length} chunks`);
  expect(measured.gzip).toBeLessThanOrEqual(BUDGET_KB * 1024);

  const room = await request.post('/api/rooms', { data: { deckId: 'kubernetes-networking' } });
  expect(room.status()).toBe(201);
  const { code } = (await room.json()) as { code: string };
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await ctx.newPage();
  const loaded = new Set<string>();
  page.on('response', (r) => {
    const path = new URL(r.url()).pathname;
    if (path.endsWith('.js')) loaded.add(path.replace(/^\/_next\//, ''));
  });
  await page.goto(`/play/${code}`);
  await page.getByTestId('nickname-input').fill('Budget');
  await page.getByTestId('join-submit').click();
  await expect(page.getByTestId('player-view')).toHaveAttribute('data-phase', 'lobby');
  expect(loaded.size).toBeGreaterThan(0);
  expect([...loaded].filter((f) => !measured.files.some((m) => m.file === f))).toEqual([]);
  await ctx.close();
});
