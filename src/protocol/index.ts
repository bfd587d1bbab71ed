import { z } from 'zod';
import { ERROR_CODES, NICKNAME_INPUT_MAX, ROOM_CODE_ALPHABET, ROOM_CODE_PATTERN, TEXT_ANSWER_INPUT_MAX } from '../contract';
import { AssignPayloads, type AssignAckData } from './assignments';
import { SAFE_ID_PATTERN } from './text';

/**
 * The socket contract: every client->server payload and every server->client message, as zod schemas.
 * socket.io's typed event maps are derived from them with z.infer. docs/PROTOCOL.md describes the same.
 */

export const PROTOCOL_VERSION = 1;

// ---------- shared pieces ----------

/** Join codes: 6 characters from an alphabet without 0/O, 1/I/L [R1.2] (src/contract/codes.ts). */
export const CODE_ALPHABET = ROOM_CODE_ALPHABET;
export const RoomCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(ROOM_CODE_PATTERN, 'a room code is 6 letters and digits');

const TokenSchema = z.string().min(16).max(128);
/** Ids the server made: nothing else can name a player, a deck or a group (no byte Postgres would refuse). */
const IdSchema = z.string().regex(SAFE_ID_PATTERN, 'not a valid id');
const QuestionIndexSchema = z.number().int().min(0).max(10_000);

/** The game's refusal codes plus the transport's own (src/contract/errors.ts). */
export const ErrorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

export const ErrorPayloadSchema = z.object({
  code: ErrorCodeSchema,
  message: z.string(),
  /** The event that was refused. */
  event: z.string().optional(),
  /** `rate_limited`: how long to wait before trying again. */
  retryAfterMs: z.number().int().optional(),
});
export type ErrorPayload = z.infer<typeof ErrorPayloadSchema>;

// ---------- room settings (HTTP create body) ----------

export const RoomSettingsSchema = z.object({
  mode: z.enum(['choice', 'text', 'mixed']).default('mixed'),
  timeLimitSec: z.number().int().min(5).max(300).default(20),
  points: z.boolean().default(true),
  speedBonus: z.boolean().default(true),
  autoAdvance: z.boolean().default(false),
  autoAdvanceSec: z.number().int().min(3).max(60).default(8),
  /**
   * A 3 s "get ready" lead-in before each question [R14.5]. On in the default settings and the host form; a
   * settings object sent without it (an older client) keeps the old behaviour: off.
   */
  leadIn: z.boolean().optional(),
});

export const CreateRoomBodySchema = z.object({
  deckId: IdSchema,
  settings: RoomSettingsSchema.default({
    mode: 'mixed',
    timeLimitSec: 20,
    points: true,
    speedBonus: true,
    autoAdvance: false,
    autoAdvanceSec: 8,
    leadIn: true,
  }),
  /** How many cards to ask (default: all). */
  questionCount: z.number().int().min(1).max(500).optional(),
  shuffle: z.boolean().default(false),
  /** Specific cards (by deck position, 0-based), e.g. "play the cards we miss most". */
  positions: z.array(z.number().int().min(0).max(499)).min(1).max(500).optional(),
  /** The group this game counts for; its admin token proves the host may add games to it. */
  group: z.object({ id: IdSchema, adminToken: TokenSchema }).optional(),
});
export type CreateRoomBody = z.infer<typeof CreateRoomBodySchema>;

export const CreateRoomResponseSchema = z.object({
  code: RoomCodeSchema,
  hostToken: TokenSchema,
  joinUrl: z.string(),
  hostUrl: z.string(),
});
export type CreateRoomResponse = z.infer<typeof CreateRoomResponseSchema>;

/**
 * `POST /api/rooms/:code/my-answers`: a player's own answers on the study sheet, for whoever proves the seat
 * (the rejoin token kept on the device that played) or the profile that played (its recovery code).
 */
export const MyAnswersBodySchema = z.union([
  z.object({ playerId: IdSchema, rejoinToken: TokenSchema }),
  z.object({ profileToken: TokenSchema }),
]);
export type MyAnswersBody = z.infer<typeof MyAnswersBodySchema>;

// ---------- client -> server payloads ----------

const HostAuth = { code: RoomCodeSchema, hostToken: TokenSchema };
/**
 * A host command that moves the game on may name what it acts on, as the host's screen showed it: the phase and
 * the current question's index (`question.index`; none in the lobby). A command naming another is refused with
 * `stale_command` [R3.8]; left out, the command acts on whatever is current (clients of before).
 */
const HostMove = {
  ...HostAuth,
  phase: z.enum(['lobby', 'question', 'reveal', 'leaderboard', 'finished']).optional(),
  questionIndex: QuestionIndexSchema.optional(),
};

export const ClientPayloads = {
  /** Host (or a second host device) attaches to a room with its secret token. */
  'host:attach': z.object(HostAuth),
  /** A big-screen / spectator view of a room (public information only). */
  'screen:attach': z.object({ code: RoomCodeSchema }),
  'player:join': z.object({
    code: RoomCodeSchema,
    nickname: z.string().max(NICKNAME_INPUT_MAX),
    /** A profile's private recovery code: the player is tracked across games as that profile. */
    profileToken: TokenSchema.optional(),
  }),
  /** A joined player claims a profile after joining. */
  'player:linkProfile': z.object({ code: RoomCodeSchema, profileToken: TokenSchema }),
  'player:rejoin': z.object({ code: RoomCodeSchema, playerId: IdSchema, rejoinToken: TokenSchema }),
  'player:answer': z
    .object({
      code: RoomCodeSchema,
      questionIndex: QuestionIndexSchema,
      choiceId: z.string().min(1).max(8).optional(),
      /** Multi-select: the picked ids; ordering: every item's id in the player's order [R12.2]. */
      choiceIds: z.array(z.string().min(1).max(8)).min(1).max(8).optional(),
      /** A numeric estimate [R12.5]. */
      value: z.number().finite().optional(),
      text: z.string().max(TEXT_ANSWER_INPUT_MAX).optional(),
      /** Milliseconds from receiving the question to answering, as the client measured it. */
      reactionMs: z.number().int().min(0).max(600_000).optional(),
    })
    .refine(
      (p) => [p.choiceId, p.choiceIds, p.value, p.text].filter((v) => v !== undefined).length === 1,
      { message: 'send exactly one of choiceId, choiceIds, value or text' },
    ),
  'host:start': z.object(HostMove),
  /** `pastReveal`: during a question, close it and go on to the leaderboard (the console's "Next") [R14.6]. */
  'host:next': z.object({ ...HostMove, pastReveal: z.boolean().optional() }),
  'host:reveal': z.object(HostMove),
  'host:skip': z.object(HostMove),
  'host:end': z.object(HostMove),
  'host:kick': z.object({ ...HostAuth, playerId: IdSchema }),
  'host:override': z.object({
    ...HostAuth,
    questionIndex: QuestionIndexSchema,
    playerId: IdSchema,
    accept: z.boolean(),
  }),
  /** Settles every typed answer of one group (the `key` of a host group) with one tap. */
  'host:overrideGroup': z.object({
    ...HostAuth,
    questionIndex: QuestionIndexSchema,
    group: z.string().max(400),
    accept: z.boolean(),
  }),
  'host:autoAdvance': z.object({ ...HostAuth, autoAdvance: z.boolean() }),
  /** Host controls [R14]: pause and resume the clock, extra time for the open question, lock the door. */
  'host:pause': z.object(HostAuth),
  'host:resume': z.object(HostAuth),
  'host:addTime': z.object({ ...HostAuth, seconds: z.number().int().min(1).max(60) }),
  'host:lock': z.object({ ...HostAuth, locked: z.boolean() }),
  /** Teams [R15]: 0 turns them off, 2..6 on (lobby only). */
  'host:teams': z.object({ ...HostAuth, count: z.number().int().min(0).max(6) }),
  /** A joined player picks a team (0-based) in the lobby. */
  'player:team': z.object({ code: RoomCodeSchema, team: z.number().int().min(0).max(5) }),
  /** Round-trip for clock offset / latency measurement. */
  ping: z.object({ t: z.number() }),
  // Self-paced assignments (src/protocol/assignments.ts, docs/ASSIGNMENTS.md).
  ...AssignPayloads,
} as const;

export type ClientEvent = keyof typeof ClientPayloads;
export const CLIENT_EVENTS = Object.keys(ClientPayloads) as ClientEvent[];
export type ClientPayload<E extends ClientEvent> = z.infer<(typeof ClientPayloads)[E]>;

// ---------- server -> client messages ----------

/**
 * Rich text: `*Html` fields carry sanitised HTML the server rendered from the deck's Markdown (code, emphasis,
 * links, images). Optional and only present when the text has markup; the plain field beside each one is
 * always there, so clients that ignore HTML keep working.
 */
const HtmlSchema = z.string();

const ChoiceSchema = z.object({ id: z.string(), text: z.string(), html: HtmlSchema.optional() });

export const PublicPlayerSchema = z.object({
  id: z.string(),
  nickname: z.string(),
  /** The player's team (0-based), when the room plays in teams. */
  team: z.number().int().optional(),
});

/** A team's standing [R15.4]: its score is the average of its members' scores. */
export const TeamRowSchema = z.object({
  team: z.number().int(),
  name: z.string(),
  size: z.number().int(),
  score: z.number().int(),
  rank: z.number().int(),
});
export type TeamRow = z.infer<typeof TeamRowSchema>;

export const LeaderRowSchema = z.object({
  rank: z.number().int(),
  playerId: z.string(),
  nickname: z.string(),
  score: z.number().int(),
  correctCount: z.number().int(),
  lastPoints: z.number().int(),
  /** Places gained since the previous question (positive = up). */
  movement: z.number().int(),
});
export type LeaderRow = z.infer<typeof LeaderRowSchema>;

/**
 * Question kinds [R12]: `choice` and `text` as always; the others only in rooms whose deck has such cards, so a
 * client that knows only the first two never meets them in a room it could play before.
 */
export const QuestionKindSchema = z.enum(['choice', 'text', 'order', 'multi', 'number', 'truefalse', 'poll', 'cloud']);
export type QuestionKindName = z.infer<typeof QuestionKindSchema>;

/** One word (or phrase) of a word cloud: similar answers grouped, the most common spelling shown. */
export const CloudWordSchema = z.object({ text: z.string(), count: z.number().int() });
export type CloudWord = z.infer<typeof CloudWordSchema>;

const DistributionSchema = z.array(z.object({ choiceId: z.string(), count: z.number().int() }));

/** Live tallies while a question with no right answer is open: a poll's votes, a word cloud's words [R12.6, R12.7]. */
export const LiveSchema = z.object({
  distribution: DistributionSchema.optional(),
  cloud: z.array(CloudWordSchema).optional(),
});
export type Live = z.infer<typeof LiveSchema>;

export const PublicQuestionSchema = z.object({
  index: z.number().int(),
  kind: QuestionKindSchema,
  prompt: z.string(),
  /** The question line as inline HTML. */
  promptHtml: HtmlSchema.optional(),
  /** Code blocks shown under the question (block HTML); they are not in `prompt`. */
  bodyHtml: HtmlSchema.optional(),
  /**
   * Options: the choices; a multi-select's or poll's options; true/false's two; an ordering question's items
   * in a shuffled order (the ids say nothing about the right order) [R12.2].
   */
  choices: z.array(ChoiceSchema),
  /** Numeric estimate: the unit of the answer ("km"). */
  unit: z.string().optional(),
  timeLimitMs: z.number().int(),
  /** Milliseconds left when the server sent this message. */
  remainingMs: z.number().int(),
  /** "Get ready": milliseconds until answers open (choices are withheld until then) [R14.5]. */
  readyInMs: z.number().int().optional(),
});
export type PublicQuestion = z.infer<typeof PublicQuestionSchema>;

export const AnswerGroupSchema = z.object({
  text: z.string(),
  count: z.number().int(),
  verdict: z.enum(['correct', 'partial', 'incorrect']),
});

/** Host only: typed answers that say the same thing (the grader's group), to settle with one tap [R7.3]. */
export const HostGroupSchema = z.object({
  /** The grader's group key (send it back with `host:overrideGroup`). */
  key: z.string(),
  /** The most common spelling, and up to 3 others. */
  text: z.string(),
  variants: z.array(z.string()),
  count: z.number().int(),
  verdict: z.enum(['correct', 'partial', 'incorrect']),
  /** The grader is unsure of it (the host sees these first). */
  unsure: z.boolean(),
  /** Every answer of the group was settled by the host. */
  overridden: z.boolean(),
  /** The grader's reason, in a few words. */
  explanation: z.string(),
});
export type HostGroup = z.infer<typeof HostGroupSchema>;
export type AnswerGroup = z.infer<typeof AnswerGroupSchema>;

/** What everyone may see once a question has closed. */
export const RevealSchema = z.object({
  correctChoiceId: z.string().nullable(),
  /** The correct option's text (choice), or the reference's short answer in plain words (text; never matcher syntax). */
  correctText: z.string(),
  correctTextHtml: HtmlSchema.optional(),
  /** No longer filled (it showed the deck's matcher lines); kept for old clients. */
  accepted: z.array(z.string()),
  /** The reference answer / explanation from the deck. */
  explanation: z.string(),
  explanationHtml: HtmlSchema.optional(),
  /**
   * Choice questions: answers per choice id (multi-select: picks per choice; ordering: players who put each item
   * in its right place).
   */
  distribution: DistributionSchema,
  /** Multi-select: the right set; ordering: the items' ids in the right order. */
  correctIds: z.array(z.string()).optional(),
  /** Numeric estimate: the answer, its tolerance, and how the room guessed. */
  number: z
    .object({
      answer: z.number(),
      tolerance: z.number(),
      unit: z.string().optional(),
      median: z.number().nullable(),
      /** Answers within the tolerance. */
      within: z.number().int(),
      lowest: z.number().optional(),
      highest: z.number().optional(),
    })
    .optional(),
  /** Word cloud: the grouped words, most common first. */
  cloud: z.array(CloudWordSchema).optional(),
  /** Open-text questions: typed answers grouped (similar spellings together), most common first. */
  groups: z.array(AnswerGroupSchema),
  answeredCount: z.number().int(),
  correctCount: z.number().int(),
  skipped: z.boolean(),
});
export type Reveal = z.infer<typeof RevealSchema>;

export const PhaseSchema = z.enum(['lobby', 'question', 'reveal', 'leaderboard', 'finished']);

export const PublicStateSchema = z.object({
  code: z.string(),
  title: z.string(),
  /** The link players open to join (PUBLIC_URL when configured). */
  joinUrl: z.string(),
  phase: PhaseSchema,
  mode: z.enum(['choice', 'text', 'mixed']),
  points: z.boolean(),
  autoAdvance: z.boolean(),
  questionNumber: z.number().int(),
  questionTotal: z.number().int(),
  playerCount: z.number().int(),
  answeredCount: z.number().int(),
  /** Lobby: the players who joined (the most recent first, capped). */
  players: z.array(PublicPlayerSchema),
  question: PublicQuestionSchema.nullable(),
  reveal: RevealSchema.nullable(),
  /** Top of the leaderboard (10 between questions, full podium at the end). */
  leaderboard: z.array(LeaderRowSchema),
  /** Milliseconds until the phase moves on by itself, when it will. */
  phaseRemainingMs: z.number().int().nullable(),
  /** The host paused the game: clocks stand still [R14.1]. */
  paused: z.boolean().optional(),
  /** The room takes no new players [R14.4]. */
  locked: z.boolean().optional(),
  /** Teams, when the room plays in teams [R15]: every team (lobby), ranked from the first close. */
  teams: z.array(TeamRowSchema).optional(),
  /** An open poll's votes or word cloud's words, as they come in (absent otherwise). */
  live: LiveSchema.optional(),
});
export type PublicState = z.infer<typeof PublicStateSchema>;

export const CountsSchema = z.object({
  playerCount: z.number().int(),
  answeredCount: z.number().int(),
  /** An open poll's or word cloud's live tally, sent with the counters. */
  live: LiveSchema.optional(),
});
export type Counts = z.infer<typeof CountsSchema>;

export const HostAnswerSchema = z.object({
  playerId: z.string(),
  nickname: z.string(),
  choiceId: z.string().nullable(),
  text: z.string().nullable(),
  verdict: z.enum(['correct', 'partial', 'incorrect']),
  gradeScore: z.number(),
  points: z.number().int(),
  elapsedMs: z.number().int(),
  overridden: z.boolean(),
  matched: z.array(z.string()),
  missing: z.array(z.string()),
  /** Why it got its verdict, in a few plain words. */
  explanation: z.string().optional(),
  /** The grader is unsure of it. */
  unsure: z.boolean().optional(),
  /** The grader's group key (answers that say the same thing). */
  group: z.string().optional(),
});
export type HostAnswer = z.infer<typeof HostAnswerSchema>;

export const HostPlayerSchema = z.object({
  id: z.string(),
  nickname: z.string(),
  connected: z.boolean(),
  score: z.number().int(),
  rank: z.number().int().nullable(),
  answered: z.boolean(),
  team: z.number().int().nullable().optional(),
});

/** The host's view: the public state plus what only the host may see. */
export const HostStateSchema = z.object({
  public: PublicStateSchema,
  players: z.array(HostPlayerSchema),
  /** The open or last question's correct answer (the host knows it while players answer). */
  correctChoiceId: z.string().nullable(),
  correctText: z.string().nullable(),
  correctTextHtml: HtmlSchema.optional(),
  /** Answers to the current question: live while open (verdicts hidden until close), all at the reveal. */
  answers: z.array(HostAnswerSchema),
  /** After close, a typed question's answers by group: unsure ones first, then most common [R7.3]. */
  groups: z.array(HostGroupSchema).optional(),
  joinUrl: z.string(),
  /**
   * Whether a big screen is attached to the room: with none, the host console is what the room sees, so it
   * hides the answer by default. Absent from older servers.
   */
  screensAttached: z.boolean().optional(),
});
export type HostState = z.infer<typeof HostStateSchema>;

/** One player's own view: sent only to that player's sockets. */
export const YouSchema = z.object({
  playerId: z.string(),
  nickname: z.string(),
  score: z.number().int(),
  rank: z.number().int().nullable(),
  playerCount: z.number().int(),
  streak: z.number().int(),
  /** Their answer to the open question, if any ("answer locked in"). */
  answered: z
    .object({ questionIndex: z.number().int(), choiceId: z.string().nullable(), text: z.string().nullable() })
    .nullable(),
  /** Their result for the last closed question (sent from the reveal on). */
  result: z
    .object({
      questionIndex: z.number().int(),
      answered: z.boolean(),
      verdict: z.enum(['correct', 'partial', 'incorrect']),
      gradeScore: z.number(),
      points: z.number().int(),
      streakBonus: z.number().int(),
      matched: z.array(z.string()),
      /** At most a few: never a wall of items the player did not name. */
      missing: z.array(z.string()),
      overridden: z.boolean(),
      /** The kinds of R12 (not choice or text): their own answer, to set beside the right one at the reveal. */
      choiceId: z.string().nullable().optional(),
      text: z.string().nullable().optional(),
      /** Why it got its verdict ("istio is not a CNI plugin", "2 of 2 needed", "mixed up PV and PVC"). */
      explanation: z.string().optional(),
    })
    .nullable(),
  /** The place just above: "120 pts behind 2nd (Ada)" even when it is off the shown board. Null when first. */
  nextUp: z
    .object({ rank: z.number().int(), nickname: z.string(), behind: z.number().int() })
    .nullable()
    .optional(),
  /** The player's team and their part in its score (their points over its size) [R15.4]. */
  team: z
    .object({
      team: z.number().int(),
      name: z.string(),
      size: z.number().int(),
      score: z.number().int(),
      rank: z.number().int().nullable(),
      teamCount: z.number().int(),
      part: z.number().int(),
    })
    .nullable()
    .optional(),
});
export type You = z.infer<typeof YouSchema>;

export const JoinedSchema = z.object({ playerId: z.string(), rejoinToken: z.string(), code: z.string() });

export const KickedSchema = z.object({ reason: z.string() });

/** Acknowledgement every client->server event gets (socket.io ack callback). */
export type Ack<T = undefined> = { ok: true; data: T } | { ok: false; error: ErrorPayload };

export const ServerMessages = {
  'room:state': PublicStateSchema,
  'room:counts': CountsSchema,
  'host:state': HostStateSchema,
  'player:you': YouSchema,
  'player:kicked': KickedSchema,
  'server:error': ErrorPayloadSchema,
} as const;

export type ServerEvent = keyof typeof ServerMessages;

/** Data returned in the ack of each client event. */
export interface AckData {
  'host:attach': HostState;
  'screen:attach': PublicState;
  'player:join': z.infer<typeof JoinedSchema> & { you: You; state: PublicState };
  'player:rejoin': { you: You; state: PublicState };
  'player:answer': { questionIndex: number };
  'player:linkProfile': { profileId: string; displayName: string };
  'host:start': undefined;
  'host:next': undefined;
  'host:reveal': undefined;
  'host:skip': undefined;
  'host:end': undefined;
  'host:kick': undefined;
  'host:override': undefined;
  'host:overrideGroup': undefined;
  'host:autoAdvance': undefined;
  'host:pause': undefined;
  'host:resume': undefined;
  'host:addTime': undefined;
  'host:lock': undefined;
  'host:teams': undefined;
  'player:team': undefined;
  ping: { t: number; serverNow: number };
  'assign:open': AssignAckData['assign:open'];
  'assign:answer': AssignAckData['assign:answer'];
  'assign:next': AssignAckData['assign:next'];
}

export type ServerToClientEvents = {
  [E in ServerEvent]: (payload: z.infer<(typeof ServerMessages)[E]>) => void;
};

/** Every client event takes its payload and an optional ack callback. */
export type ClientToServerEvents = {
  [E in ClientEvent]: (payload: ClientPayload<E>, ack?: (res: Ack<AckData[E]>) => void) => void;
};

export * from './assignments';
