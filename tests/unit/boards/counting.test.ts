import { describe, expect, it } from 'vitest';
import { answerCounts, resultCounts } from '../../../src/boards/counting';

describe('what counts', () => {
  const seat = { roomStatus: 'finished', removed: false, hiddenFromGroup: false };

  it("[R11.1] finished games only; removed players never; hidden results not in the group, still on the person's page", () => {
    expect(resultCounts(seat, 'group')).toBe(true);
    for (const roomStatus of ['lobby', 'running', 'abandoned']) {
      expect(resultCounts({ ...seat, roomStatus }, 'group')).toBe(false);
      expect(resultCounts({ ...seat, roomStatus }, 'personal')).toBe(false);
    }
    expect(resultCounts({ ...seat, removed: true }, 'group')).toBe(false);
    expect(resultCounts({ ...seat, removed: true }, 'personal')).toBe(false);
    expect(resultCounts({ ...seat, hiddenFromGroup: true }, 'group')).toBe(false);
    expect(resultCounts({ ...seat, hiddenFromGroup: true }, 'personal')).toBe(true);
  });

  it('[R11.1] answers to a voided question never count', () => {
    expect(answerCounts({ ...seat, questionSkipped: false }, 'group')).toBe(true);
    expect(answerCounts({ ...seat, questionSkipped: true }, 'group')).toBe(false);
    expect(answerCounts({ ...seat, questionSkipped: true }, 'personal')).toBe(false);
    expect(answerCounts({ ...seat, removed: true, questionSkipped: false }, 'personal')).toBe(false);
  });
});
