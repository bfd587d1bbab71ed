import type { AnswerRow, PersistOp, PlayerRow } from '../../game/commands';
import type { RoomRepository, RoomRows } from '../repositories/rooms';
import { FencedOut, type RoomStore } from './writer';

type Run =
  | { kind: 'joins'; rows: PlayerRow[] }
  | { kind: 'answers'; rows: { cardId: string; answer: AnswerRow }[] };

/**
 * A room's batches written through the room repository, op by op in order; consecutive joins become one
 * multi-row insert, and consecutive answers locked in one row of the answer log (a tick's answers: one
 * statement) [R8.2]. A translation, no rules: the rows are what the game emitted. Every op may be written
 * twice (the writer retries a refused batch op by op), so each write is idempotent.
 *
 * With a fencing number (a cluster's owner, [R8.4]) each batch is one transaction under that number: the database
 * refuses it if a newer owner has taken the room over, and the store throws `FencedOut`. After the first, a
 * batch only checks the number under a share lock, so the owner's answer batches are written side by side.
 */
export function createRoomStore(rooms: RoomRepository, roomId: string, fence: number | null = null): RoomStore {
  const plain = batchWriter(rooms, roomId);
  if (fence === null) return plain;
  let stored = false; // once a batch is stored under `fence`, the next ones take the row's share lock
  return {
    async write(batch) {
      const written = await rooms.underFence(roomId, fence, (tx) => batchWriter(tx, roomId).write(batch), stored);
      if (!written) throw new FencedOut(roomId, fence);
      stored = true;
    },
  };
}

function batchWriter(rooms: RoomRows, roomId: string): RoomStore {
  return {
    async write(batch) {
      let run: Run | null = null;
      const flush = async () => {
        if (run?.kind === 'joins') await rooms.insertPlayers(roomId, run.rows);
        if (run?.kind === 'answers') await rooms.lockAnswers(roomId, run.rows);
        run = null;
      };
      for (const op of batch) {
        if (op.op === 'playerJoined') {
          if (run?.kind !== 'joins') await flush();
          run ??= { kind: 'joins', rows: [] };
          if (run.kind === 'joins') run.rows.push(op.player);
          continue;
        }
        if (op.op === 'answerLocked') {
          if (run?.kind !== 'answers') await flush();
          run ??= { kind: 'answers', rows: [] };
          if (run.kind === 'answers') run.rows.push({ cardId: op.cardId, answer: op.answer });
          continue;
        }
        await flush();
        await writeOne(rooms, roomId, op);
      }
      await flush();
    },
  };
}

async function writeOne(
  rooms: RoomRows,
  roomId: string,
  op: Exclude<PersistOp, { op: 'playerJoined' | 'answerLocked' }>,
) {
  switch (op.op) {
    case 'roomStarted':
      return rooms.markStarted(roomId, op.at);
    case 'phaseChanged':
      return rooms.setPhase(roomId, op.phase);
    case 'settingsChanged':
      return rooms.setSettings(roomId, op.settings);
    case 'playerRemoved':
      return rooms.markPlayerRemoved(op.playerId, op.at);
    case 'playerProfileLinked':
      return rooms.linkProfile(op.playerId, op.profileId);
    case 'questionOpened':
      return rooms.insertQuestion(roomId, op.question);
    case 'questionResumed':
      return rooms.resumeQuestion(roomId, op.index, op.openedAt, op.closesAt);
    case 'questionClosed':
      return closeQuestion(rooms, roomId, op);
    case 'answerOverridden':
      await rooms.overrideAnswer(op.answer, op.totals);
      return rooms.updateAnswerPoints(op.laterPoints);
    case 'roomFinished':
      return rooms.finish(roomId, op.at, op.totals);
    case 'teamsChanged':
      return rooms.setTeams(roomId, op.teams, op.assignments);
    default: {
      const never: never = op;
      throw new Error(`unhandled persist op ${JSON.stringify(never)}`);
    }
  }
}

/**
 * A closed question's answers go in bulk; if the database refuses the bulk insert, each answer is written alone,
 * so one bad row never takes the question's other answers with it. The refused ones are named in the error.
 * The question's answer log is cleared only once all of its answers are stored, so an acknowledged answer the
 * close could not store stays there.
 */
async function closeQuestion(
  rooms: RoomRows,
  roomId: string,
  op: Extract<PersistOp, { op: 'questionClosed' }>,
): Promise<void> {
  try {
    await rooms.closeQuestion(roomId, op.question, op.answers, op.totals);
    return await rooms.clearAnswerLog(roomId, op.question.index);
  } catch (e) {
    if (op.answers.length <= 1) throw e;
  }
  await rooms.closeQuestion(roomId, op.question, [], op.totals);
  const refused: string[] = [];
  for (const a of op.answers) {
    try {
      await rooms.gradeAnswers(roomId, op.question.cardId, [a]);
    } catch {
      refused.push(a.playerId);
    }
  }
  if (refused.length === 0) return rooms.clearAnswerLog(roomId, op.question.index);
  throw new Error(
    `${refused.length} of ${op.answers.length} answers to question ${op.question.index + 1} refused (players ${refused.slice(0, 5).join(', ')})`,
  );
}
