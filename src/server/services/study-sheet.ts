import type { Card } from '../../decks/types';
import { studySheet, type StudyItem } from '../../game/study';
import { rankTeams, type TeamStanding } from '../../game/teams';
import { ServiceError } from '../errors';
import { hashToken, tokensEqual } from '../ids';
import { answerToMarkdown, renderBlock, renderInline } from '../markdown';
import type { DeckRepository } from '../repositories/decks';
import type { ResultAnswerRow, RoomRepository, RoomRow } from '../repositories/rooms';
import type { RoomResults } from './rooms';

/**
 * The study sheet of a game's results page (issue 12 item 8): each question's reference answer (rendered as
 * the game showed it), its key ideas in plain words and the room's most common wrong answers; and, for the
 * player who proves their seat (the rejoin token kept on their device) or their profile, their own answers.
 */

export interface StudySheetItem extends StudyItem {
  promptHtml?: string;
  referenceHtml?: string;
}

export interface MyAnswer {
  questionIndex: number;
  /** What they answered: the typed text, or the text of the option they picked. */
  answer: string;
  verdict: string;
  points: number;
  overridden: boolean;
}

export type SeatProof = { playerId: string; rejoinToken: string } | { profileToken: string };

export interface StudySheetServiceDeps {
  decks: Pick<DeckRepository, 'get'>;
  rooms: Pick<RoomRepository, 'seatAnswers'>;
  /** The room's results if anyone may read them now (a live game's are its host's) [R9.6]. */
  readable(code: string, hostToken: string | null): Promise<RoomRow | null>;
}

export function createStudySheetService(deps: StudySheetServiceDeps) {
  return {
    /** The sheet for results already loaded (the page has them). */
    async sheet(results: RoomResults): Promise<StudySheetItem[]> {
      const deck = await deps.decks.get(results.room.deckId);
      const cards = new Map<string, Card>((deck?.cards ?? []).map((c) => [c.id, c.card]));
      return studySheet(results.questions, cards, results.answers).map((item) => {
        const promptHtml = renderInline(item.prompt);
        const referenceHtml = item.reference === null ? undefined : renderBlock(answerToMarkdown(item.reference));
        return {
          ...item,
          ...(promptHtml !== undefined && { promptHtml }),
          ...(referenceHtml !== undefined && { referenceHtml }),
        };
      });
    },

    /** A finished game's teams, ranked from the stored players as the game ranked them [R15.5, R15.6]. */
    teams(results: RoomResults): TeamStanding[] {
      return rankTeams(results.room.settings.teams ?? 0, results.players);
    },

    /**
     * A player's own answers to a finished game, for the one who proves the seat: its rejoin token, or the
     * recovery code of the profile that played it. Anything else is `403`, saying nothing about the seat.
     */
    async myAnswers(code: string, proof: SeatProof): Promise<{ playerId: string; answers: MyAnswer[] }> {
      const room = await deps.readable(code, null);
      if (!room) throw new ServiceError('room_not_found', `No game with code ${code}.`, 404);
      const who = 'profileToken' in proof ? { recoveryHash: hashToken(proof.profileToken) } : { playerId: proof.playerId };
      const seat = await deps.rooms.seatAnswers(room.id, who);
      const proved =
        seat !== null && ('profileToken' in proof || tokensEqual(hashToken(proof.rejoinToken), seat.rejoinTokenHash));
      if (!seat || !proved) throw new ServiceError('bad_request', 'This device has no seat in that game.', 403);
      const choiceText = new Map(
        [...seat.choices].map(([index, cs]) => [index, new Map(cs.map((c) => [c.id, c.text]))]),
      );
      return { playerId: seat.playerId, answers: seat.answers.map((a) => mine(a, choiceText.get(a.questionIndex))) };
    },
  };
}

function mine(a: ResultAnswerRow, choices: ReadonlyMap<string, string> | undefined): MyAnswer {
  const answer = a.choiceId !== null ? (choices?.get(a.choiceId) ?? a.choiceId) : (a.text ?? '');
  return { questionIndex: a.questionIndex, answer, verdict: a.verdict, points: a.points, overridden: a.overridden };
}

export type StudySheetService = ReturnType<typeof createStudySheetService>;
