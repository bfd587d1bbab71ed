import type { Env } from '../env';
import type { Logger } from '../log';
import type { AssignmentService } from './assignments';
import type { BoardService } from './boards/boards';
import type { ExportService } from './boards/exports';
import type { InsightService } from './boards/insights';
import type { GroupUpdates } from './boards/live';
import type { PersonalService } from './boards/personal';
import type { DeckService } from './decks';
import type { GroupService, ProfileService } from './profiles';
import type { RoomService } from './rooms';
import type { StudyService } from './study';
import type { StudySheetService } from './study-sheet';

/**
 * The services of the running server. server.ts creates them; Next's route handlers and server components
 * (a separate module copy) find them here on globalThis. Only types are imported, so Next's bundle never
 * pulls in Prisma or socket.io.
 */
export interface Services {
  env: Env;
  log: Logger;
  decks: DeckService;
  rooms: RoomService;
  profiles: ProfileService;
  groups: GroupService;
  /** Group boards and public deck boards (cross-game; not the in-game leaderboard). */
  boards: BoardService;
  insights: InsightService;
  /** Self-paced assignments (docs/ASSIGNMENTS.md). */
  assignments: AssignmentService;
  personal: PersonalService;
  exports: ExportService;
  /** The results page's study sheet and a player's own answers (issue 12 item 8). */
  studySheet: StudySheetService;
  groupUpdates: GroupUpdates;
  /** The personal review queue, mastery and streaks (issue 13, docs/STUDY.md). */
  study: StudyService;
  dbKind: 'postgres' | 'pglite';
}

const KEY = Symbol.for('quizroom.services');
const g = globalThis as unknown as Record<symbol, Services | undefined>;

export function setServices(s: Services | undefined): void {
  g[KEY] = s;
}

export function getServices(): Services {
  const s = g[KEY];
  if (!s)
    throw new Error('Quizroom services are not running: start the app with `npm start` or `npm run dev`.');
  return s;
}
