import type { PersistOp } from '../../game/commands';
import type { GameState, PlayerState } from '../../game/types';
import type { RoomStore } from '../realtime/room-runtime';
import type { RoomRepository } from '../repositories/rooms';

/**
 * Writes a room's persist effects through the repository, in order. Consecutive joins become one multi-row
 * insert; a closed question's answers are one insert [R8.2].
 */
export function createRoomStore(rooms: RoomRepository): RoomStore {
  return {
    async write(ops: PersistOp[], state: GameState): Promise<void> {
      let joins: PlayerState[] = [];
      const flushJoins = async () => {
        if (joins.length > 0) await rooms.insertPlayers(state.roomId, joins);
        joins = [];
      };
      for (const op of ops) {
        if (op.op === 'playerJoined') {
          joins.push(op.player);
          continue;
        }
        await flushJoins();
        switch (op.op) {
          case 'roomStarted':
            await rooms.markStarted(state.roomId, op.at);
            break;
          case 'playerRemoved':
            await rooms.markPlayerRemoved(op.playerId, op.at);
            break;
          case 'playerProfileLinked':
            await rooms.linkProfile(op.playerId, op.profileId);
            break;
          case 'questionOpened':
            await rooms.insertQuestion(state.roomId, op.question);
            break;
          case 'questionClosed':
            await rooms.closeQuestion(state.roomId, op.question, op.answers, op.players);
            break;
          case 'answerOverridden': {
            await rooms.overrideAnswer(op.answer, op.players);
            // The streak chain may change the points of this player's later answers.
            const later = state.questions
              .filter((q) => q.index > op.answer.questionIndex)
              .flatMap((q) => {
                const a = q.answers.get(op.answer.playerId);
                return a ? [{ playerId: a.playerId, questionIndex: a.questionIndex, points: a.points }] : [];
              });
            await rooms.updateAnswerPoints(later);
            break;
          }
          case 'roomFinished':
            await rooms.finish(state.roomId, op.at, op.players);
            break;
          default: {
            const never: never = op;
            throw new Error(`unhandled persist op ${JSON.stringify(never)}`);
          }
        }
      }
      await flushJoins();
    },
  };
}
