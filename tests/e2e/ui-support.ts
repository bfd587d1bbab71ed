import { mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, type APIRequestContext, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { io, type Socket } from 'socket.io-client';
import type { PublicState, You } from '../../src/protocol';

/** Helpers of the UI end-to-end tests: rooms over HTTP, players as bare sockets, and the checks every view gets. */

export const UI_ARTIFACTS = 'tests/artifacts/ui';
mkdirSync(UI_ARTIFACTS, { recursive: true });

export const PHONE = { width: 390, height: 844 } as const;
export const LAPTOP = { width: 1366, height: 768 } as const;
export const BIG = { width: 1920, height: 1080 } as const;

export async function phoneContext(browser: Browser, width: number = PHONE.width): Promise<BrowserContext> {
  return browser.newContext({
    viewport: { width, height: PHONE.height },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
  });
}

export interface RoomOptions {
  mode?: 'choice' | 'text' | 'mixed';
  questionCount?: number;
  timeLimitSec?: number;
  autoAdvance?: boolean;
  /** Which cards of the built-in deck (0-based): 0 and 1 are choice cards in mixed mode, 2 and 3 typed ones. */
  positions?: number[];
}

export async function createRoom(
  request: APIRequestContext,
  { mode = 'choice', questionCount = 2, timeLimitSec = 60, autoAdvance = false, positions }: RoomOptions = {},
): Promise<{ code: string; hostToken: string; joinUrl: string }> {
  const res = await request.post('/api/rooms', {
    data: {
      deckId: 'kubernetes-networking',
      settings: { mode, timeLimitSec, points: true, speedBonus: true, autoAdvance, autoAdvanceSec: 8 },
      ...(positions ? { positions } : { questionCount }),
    },
  });
  expect(res.status()).toBe(201);
  return (await res.json()) as { code: string; hostToken: string; joinUrl: string };
}

export function hostUrl(room: { code: string; hostToken: string }): string {
  return `/host/${room.code}#token=${encodeURIComponent(room.hostToken)}`;
}

type AckResult = { ok: true; data: unknown } | { ok: false; error: { code: string; message: string } };

export interface BotQuestion {
  index: number;
  kind: string;
  choices: { id: string; text: string }[];
}

/** A player without a browser: a socket that joins and answers, for rooms that need more players than pages. */
export class Bot {
  private question: BotQuestion | null = null;
  /** The last public state and the bot's own view the server sent (to check scores against the rules). */
  state: PublicState | null = null;
  you: You | null = null;
  private constructor(
    private readonly socket: Socket,
    private readonly code: string,
    readonly nickname: string,
  ) {
    socket.on('room:state', (s: PublicState) => {
      this.state = s;
      this.question = s.phase === 'question' ? s.question : null;
    });
    socket.on('player:you', (you: You) => {
      this.you = you;
    });
  }

  /** `profileToken`: play as a claimed profile (its recovery code), so the game counts on the boards. */
  static async join(baseURL: string, code: string, nickname: string, profileToken?: string): Promise<Bot> {
    const socket = io(baseURL, { path: '/socket.io', transports: ['websocket'], forceNew: true });
    const bot = new Bot(socket, code, nickname);
    const res = await bot.emit('player:join', { code, nickname, ...(profileToken ? { profileToken } : {}) });
    if (!res.ok) throw new Error(`${nickname} could not join: ${res.error.message}`);
    const joined = res.data as { you: You; state: PublicState };
    bot.you ??= joined.you;
    bot.state ??= joined.state;
    return bot;
  }

  private emit(event: string, payload: unknown): Promise<AckResult> {
    return new Promise((resolve) => this.socket.emit(event, payload, (r: AckResult) => resolve(r)));
  }

  /** Answers the open question (waits for it): a typed text, or the choice at `choiceIndex`. */
  async answer(a: { text: string } | { choiceIndex: number }): Promise<void> {
    await expect.poll(() => this.question !== null, { message: `${this.nickname} sees a question` }).toBe(true);
    const q = this.question as BotQuestion | null;
    if (!q) return;
    const body =
      'text' in a
        ? { text: a.text }
        : { choiceId: q.choices[a.choiceIndex % Math.max(1, q.choices.length)]?.id ?? '' };
    const res = await this.emit('player:answer', { code: this.code, questionIndex: q.index, ...body });
    if (!res.ok) throw new Error(`${this.nickname} could not answer: ${res.error.message}`);
  }

  /** Answers the open question with a body of its own making (the question kinds' shapes: choiceIds, value). */
  async answerWith(make: (q: BotQuestion) => Record<string, unknown>): Promise<void> {
    await expect.poll(() => this.question !== null, { message: `${this.nickname} sees a question` }).toBe(true);
    const q = this.question as BotQuestion | null;
    if (!q) return;
    const res = await this.emit('player:answer', { code: this.code, questionIndex: q.index, ...make(q) });
    if (!res.ok) throw new Error(`${this.nickname} could not answer: ${res.error.message}`);
  }

  /** The bot's result for question `index` (sent at its close). */
  async resultOf(index: number): Promise<NonNullable<You['result']>> {
    await expect
      .poll(() => this.you?.result?.questionIndex, { message: `${this.nickname} gets the result of question ${index + 1}` })
      .toBe(index);
    return this.you?.result as NonNullable<You['result']>;
  }

  close(): void {
    this.socket.close();
  }
}

/** UI_SOFT=1 lists every failing check of a run instead of stopping at the first (for surveys). */
const check = process.env.UI_SOFT === '1' ? expect.soft : expect;

/**
 * The page must not scroll sideways at its current width. A phone (isMobile) widens its layout viewport to fit
 * content that overflows, so `innerWidth` is compared with the width the page was given as well.
 */
export async function expectNoSidewaysScroll(page: Page, what: string): Promise<void> {
  const width = page.viewportSize()?.width ?? 0;
  const m = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  check(
    { scrollWidth: m.scrollWidth <= m.innerWidth, innerWidth: m.innerWidth <= width },
    `${what}: scrollWidth ${m.scrollWidth}, innerWidth ${m.innerWidth}, viewport ${width}`,
  ).toEqual({ scrollWidth: true, innerWidth: true });
}

/**
 * axe-core over the whole page (WCAG 2.x A/AA rules plus best practices, and the label-in-name rule axe keeps
 * experimental): zero violations.
 */
export async function expectNoAxeViolations(page: Page, what: string): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice', 'experimental'])
    .options({ rules: { 'label-content-name-mismatch': { enabled: true } } })
    .analyze();
  const summary = results.violations.map(
    (v) =>
      `${v.id} (${v.impact ?? '?'}): ${v.help}\n${v.nodes
        .slice(0, 6)
        .map((n) => `    ${n.target.join(' ')} :: ${n.failureSummary?.split('\n').slice(1, 3).join(' ') ?? ''}`)
        .join('\n')}`,
  );
  check(summary, `${what}: axe violations`).toEqual([]);
}

export async function uiShot(page: Page, name: string, fullPage = false): Promise<void> {
  // A phone context (2x) at a big-screen size would make 3840-px images: CSS pixels are plenty there.
  const wide = (page.viewportSize()?.width ?? 0) > 1000;
  await page.screenshot({
    path: `${UI_ARTIFACTS}/${name}.png`,
    fullPage,
    animations: 'disabled',
    ...(wide ? { scale: 'css' as const } : {}),
  });
}

/** Waits for motion to settle (count-ups, FLIP, podium) so checks and screenshots see the final frame. */
export async function settle(page: Page): Promise<void> {
  await page.waitForFunction(() => !document.querySelector('[data-counting]'), undefined, { timeout: 10_000 });
  await page.evaluate(
    () =>
      Promise.all(
        document
          .getAnimations()
          .filter((a) => a.effect?.getTiming().iterations !== Infinity)
          // A cancelled animation (its element re-rendered) rejects: it is over all the same.
          .map((a) => a.finished.catch(() => undefined)),
      ).then(() => undefined),
  );
  await page.waitForTimeout(150);
}
