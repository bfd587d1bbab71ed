import type { PersistOp, PlayerRow } from '../../game/commands';
import type { RoomRepository } from '../repositories/rooms';
import type { RoomStore } from './writer';

/**
 * A room's batches written through the room repository, op by op in order; consecutive joins become one
 * multi-row insert and a closed question's answers one insert [R8.2]. A translation, no rules: the rows are
 * what the game emitted.
 */
export function createRoomStore(rooms: RoomRepository, roomId: string): RoomStore {
  return {
    async write(batch) {
      let joins: PlayerRow[] = [];
      const flushJoins = async () => {
        if (joins.length > 0) await rooms.insertPlayers(roomId, joins);
        joins = [];
      };
      for (const op of batch) {
        if (op.op === 'playerJoined') {
          joins.push(op.player);
          continue;
        }
        await flushJoins();
        await writeOne(rooms, roomId, op);
      }
      await flushJoins();
    },
  };
}

async function writeOne(
  rooms: RoomRepository,
  roomId: string,
  op: Exclude<PersistOp, { op: 'playerJoined' }>,
) {
  switch (op.op) {
    case 'roomStarted':
      return rooms.markStarted(roomId, op.at);
    case 'playerRemoved':
      return rooms.markPlayerRemoved(op.playerId, op.at);
    case 'playerProfileLinked':
      return rooms.linkProfile(op.playerId, op.profileId);
    case 'questionOpened':
      return rooms.insertQuestion(roomId, op.question);
    case 'questionClosed':
      return rooms.closeQuestion(roomId, op.question, op.answers, op.totals);
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
