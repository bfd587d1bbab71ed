import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BUILTIN_DECK_ID } from '../../src/decks/types';
import { startQuizroom } from '../../src/server/bootstrap';
import { parseEnv } from '../../src/server/env';
import { silentLogger } from '../../src/server/log';

/** [R16] The review queue is in the database: a restart (the embedded database on disk) keeps the schedule. */

const dir = mkdtempSync(path.join(tmpdir(), 'quizroom-study-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function boot() {
  const env = parseEnv({ NODE_ENV: 'test', DATA_DIR: dir, LOG_LEVEL: 'silent' });
  return startQuizroom(env, createServer(), silentLogger);
}

describe('[R16.2] the schedule survives a restart', () => {
  it('cards, due dates and the review log are read back after the server restarts', async () => {
    const first = await boot();
    const profile = await first.services.profiles.create('Persistent');
    const deck = (await first.services.decks.get(BUILTIN_DECK_ID))!;
    await first.services.study.onCardsAnswered(profile.id, 'live', [
      { deckId: BUILTIN_DECK_ID, cardId: deck.cards[0]!.id, verdict: 'incorrect', elapsedMs: 9_000, timeLimitMs: 20_000, answeredAt: Date.now() - 60_000 },
      { deckId: BUILTIN_DECK_ID, cardId: deck.cards[1]!.id, verdict: 'correct', elapsedMs: 2_000, timeLimitMs: 20_000, answeredAt: Date.now() - 60_000 },
    ]);
    const before = await first.services.study.exportData(profile.id);
    expect(before.cards).toHaveLength(2);
    await first.stop();

    const second = await boot();
    try {
      const after = await second.services.study.exportData(profile.id);
      expect(after).toEqual(before);
      const s = await second.services.study.summary(profile.id, 0);
      expect(s.dueToday).toBe(1); // the missed card (1 min); the fast right one is easy: 8 days
    } finally {
      await second.stop();
    }
  }, 240_000);
});
