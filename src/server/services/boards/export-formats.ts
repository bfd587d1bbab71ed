import { csvRow, type Cell } from '../../../boards/csv';
import type { ExportAnswer, ExportPlayer } from './exports';

/**
 * Export formats [R11.8]: CSV (one row per player, or one row per answer) and JSON (both lists), written as
 * streams so a group's 100,000 answers never sit in memory as one string.
 */

export const PLAYER_COLUMNS = [
  'rank',
  'nickname',
  'profile_id',
  'profile_name',
  'games',
  'score',
  'correct',
  'answered',
  'accuracy',
  'avg_answer_ms',
  'movement',
  'removed',
] as const;

export const ANSWER_COLUMNS = [
  'room',
  'ended_at',
  'question',
  'kind',
  'card_id',
  'topic',
  'prompt',
  'nickname',
  'profile_id',
  'profile_name',
  'answer',
  'verdict',
  'grade_score',
  'points',
  'elapsed_ms',
  'overridden',
  'skipped',
  'received_at',
] as const;

const round4 = (v: number | null) => (v === null ? null : Math.round(v * 10_000) / 10_000);

export function playerCells(p: ExportPlayer): Cell[] {
  return [p.rank, p.nickname, p.profileId, p.displayName, p.games, p.score, p.correct, p.answered, round4(p.accuracy), p.avgMs, p.movement, p.removed];
}

export function answerCells(a: ExportAnswer): Cell[] {
  return [
    a.room,
    a.endedAt,
    a.question,
    a.kind,
    a.cardId,
    a.topic,
    a.prompt,
    a.nickname,
    a.profileId,
    a.displayName,
    a.answer,
    a.verdict,
    a.gradeScore,
    a.points,
    a.elapsedMs,
    a.overridden,
    a.skipped,
    a.receivedAt,
  ];
}

/** A UTF-8 byte stream from async string chunks. */
export function textStream(chunks: AsyncIterable<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const it = chunks[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await it.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      } catch (e) {
        controller.error(e);
      }
    },
    async cancel() {
      await it.return?.();
    },
  });
}

/** Excel reads UTF-8 CSV correctly (accents, emoji) only with a byte order mark. */
const BOM = '\uFEFF';

export async function* playersCsv(players: readonly ExportPlayer[]): AsyncGenerator<string> {
  yield BOM + csvRow(PLAYER_COLUMNS);
  yield players.map((p) => csvRow(playerCells(p))).join('');
}

export async function* answersCsv(batches: AsyncIterable<readonly ExportAnswer[]>): AsyncGenerator<string> {
  yield BOM + csvRow(ANSWER_COLUMNS);
  for await (const batch of batches) {
    if (batch.length > 0) yield batch.map((a) => csvRow(answerCells(a))).join('');
  }
}

/** `{ ...head, players: [...], answers: [...] }` with the answers streamed batch by batch. */
export async function* exportJson(
  head: Record<string, unknown>,
  players: readonly ExportPlayer[],
  batches: AsyncIterable<readonly ExportAnswer[]>,
): AsyncGenerator<string> {
  const start = JSON.stringify({ ...head, players });
  yield `${start.slice(0, -1)},"answers":[`;
  let first = true;
  for await (const batch of batches) {
    if (batch.length === 0) continue;
    const body = batch.map((a) => JSON.stringify(a)).join(',');
    yield first ? body : `,${body}`;
    first = false;
  }
  yield ']}';
}

export async function* once<T>(value: T): AsyncGenerator<T> {
  yield value;
}

/** Response headers: CSV downloads as a file, JSON reads in place. */
export function downloadHeaders(format: 'csv' | 'json', fileName: string): HeadersInit {
  if (format === 'json') return { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };
  return {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="${fileName.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
    'cache-control': 'no-store',
  };
}
