import { z } from 'zod';
import { NICKNAME_INPUT_MAX, TEXT_ANSWER_INPUT_MAX } from '../contract';
import { SAFE_ID_PATTERN } from './text';

/**
 * Self-paced assignments (docs/ASSIGNMENTS.md, SPEC R13): the HTTP bodies the host sends and the socket payloads
 * a player's phone sends, with the shapes of their answers. docs/PROTOCOL.md describes the same.
 */

const IdSchema = z.string().regex(SAFE_ID_PATTERN, 'not a valid id');
const TokenSchema = z.string().min(16).max(128);
/** A seat token: the seat's player id, a dot, and a secret (only the whole token's hash is stored). */
const SeatTokenSchema = z.string().min(20).max(200).regex(/^[A-Za-z0-9_-]{1,64}\.[A-Za-z0-9_-]{16,128}$/, 'not a seat token');

export const ASSIGNMENT_SOURCES = ['deck', 'cards', 'missed'] as const;
export type AssignmentSource = (typeof ASSIGNMENT_SOURCES)[number];

/** `POST /api/assignments`. */
export const CreateAssignmentBodySchema = z
  .object({
    /** deck: the whole deck; cards: the deck's cards at `positions`; missed: the group's "cards we miss most". */
    source: z.enum(ASSIGNMENT_SOURCES).default('deck'),
    /** Required for deck and cards; for missed, the deck whose missed cards (default: the group's most played). */
    deckId: IdSchema.optional(),
    positions: z.array(z.number().int().min(0).max(499)).min(1).max(500).optional(),
    /** The group the results count for (its admin token proves the host may add to it); required for missed. */
    group: z.object({ id: IdSchema, adminToken: TokenSchema }).optional(),
    /** ISO date-time; none: open until the host closes it. */
    deadline: z.iso.datetime({ offset: true }).nullable().optional(),
    /** Seconds per question; none (the default): no timer, accuracy counts and speed is the tie-break. */
    timerSec: z.number().int().min(5).max(300).nullable().optional(),
    mode: z.enum(['choice', 'text', 'mixed']).default('mixed'),
    shuffle: z.boolean().default(false),
  })
  .refine((b) => b.source === 'missed' || b.deckId !== undefined, { message: 'deckId is required', path: ['deckId'] })
  .refine((b) => b.source !== 'cards' || b.positions !== undefined, {
    message: 'positions are required for a choice of cards',
    path: ['positions'],
  })
  .refine((b) => b.source !== 'missed' || b.group !== undefined, {
    message: 'a group (id and admin token) is required for its missed cards',
    path: ['group'],
  });
export type CreateAssignmentBody = z.infer<typeof CreateAssignmentBodySchema>;

export const CreateAssignmentResponseSchema = z.object({
  id: z.string(),
  code: z.string(),
  hostToken: z.string(),
  /** The link players open. */
  link: z.string(),
  /** The host's progress page (the host token travels in its fragment). */
  hostUrl: z.string(),
  questionCount: z.number().int(),
});
export type CreateAssignmentResponse = z.infer<typeof CreateAssignmentResponseSchema>;

// ---------- socket payloads (player) ----------

export const AssignPayloads = {
  /** Opens (or resumes) a seat: the seat token of this or another device, else a profile, else a new nickname. */
  'assign:open': z.object({
    assignmentId: IdSchema,
    seatToken: SeatTokenSchema.optional(),
    profileToken: TokenSchema.optional(),
    nickname: z.string().max(NICKNAME_INPUT_MAX).optional(),
  }),
  /** Answers the card shown; acknowledged once the answer is stored, with the player's own reveal. */
  'assign:answer': z
    .object({
      assignmentId: IdSchema,
      questionIndex: z.number().int().min(0).max(10_000),
      choiceId: z.string().min(1).max(8).optional(),
      text: z.string().max(TEXT_ANSWER_INPUT_MAX).optional(),
      reactionMs: z.number().int().min(0).max(3_600_000).optional(),
    })
    .refine((p) => (p.choiceId === undefined) !== (p.text === undefined), {
      message: 'send exactly one of choiceId or text',
    }),
  /** After the reveal: shows the next card. */
  'assign:next': z.object({ assignmentId: IdSchema }),
} as const;

const ChoiceSchema = z.object({ id: z.string(), text: z.string(), html: z.string().optional() });

export const AssignQuestionSchema = z.object({
  index: z.number().int(),
  kind: z.enum(['choice', 'text']),
  prompt: z.string(),
  promptHtml: z.string().optional(),
  bodyHtml: z.string().optional(),
  choices: z.array(ChoiceSchema),
  /** With the timer on: the limit and what is left of it (from when the card was first shown). */
  timeLimitMs: z.number().int().nullable(),
  remainingMs: z.number().int().nullable(),
});
export type AssignQuestion = z.infer<typeof AssignQuestionSchema>;

/** A seat as its player sees it. */
export const AssignSeatSchema = z.object({
  assignmentId: z.string(),
  playerId: z.string(),
  nickname: z.string(),
  title: z.string(),
  total: z.number().int(),
  answered: z.number().int(),
  score: z.number().int(),
  deadline: z.string().nullable(),
  timerSec: z.number().int().nullable(),
  /** playing: `question` is the card to answer; finished: every card answered; closed: deadline passed. */
  status: z.enum(['playing', 'finished', 'closed']),
  question: AssignQuestionSchema.nullable(),
});
export type AssignSeat = z.infer<typeof AssignSeatSchema>;

/** The player's own reveal of one card, sent once their answer is stored. */
export const AssignResultSchema = z.object({
  questionIndex: z.number().int(),
  verdict: z.enum(['correct', 'partial', 'incorrect']),
  gradeScore: z.number(),
  points: z.number().int(),
  /** Answered after the timer ran out: stored, no points. */
  late: z.boolean(),
  matched: z.array(z.string()),
  missing: z.array(z.string()),
  /** The grader's reason in a few words (typed answers). */
  why: z.string(),
  correctChoiceId: z.string().nullable(),
  correctText: z.string(),
  correctTextHtml: z.string().optional(),
  accepted: z.array(z.string()),
  /** The deck's reference answer. */
  explanation: z.string(),
  explanationHtml: z.string().optional(),
});
export type AssignResult = z.infer<typeof AssignResultSchema>;

export interface AssignAckData {
  /** `seatToken`: for a new seat (shown once; keep it to resume on this or another device) or the one sent. */
  'assign:open': AssignSeat & { seatToken?: string };
  'assign:answer': { result: AssignResult; answered: number; score: number; finished: boolean };
  'assign:next': AssignSeat;
}

// ---------- the host's progress (GET /api/assignments/:id, bearer host token) ----------

export interface AssignmentProgress {
  id: string;
  code: string;
  title: string;
  /** The players' link (a path when the server has no PUBLIC_URL: the page adds its origin). */
  link: string;
  source: AssignmentSource;
  groupId: string | null;
  deadline: string | null;
  timerSec: number | null;
  createdAt: string;
  /** When it closed (host or deadline); null while open. */
  closedAt: string | null;
  total: number;
  players: {
    playerId: string;
    nickname: string;
    profile: boolean;
    startedAt: string;
    finishedAt: string | null;
    answered: number;
    correct: number;
    partial: number;
    score: number;
    accuracy: number | null;
    rank: number;
  }[];
  cards: {
    index: number;
    prompt: string;
    kind: 'choice' | 'text';
    answered: number;
    correct: number;
    partial: number;
    accuracy: number | null;
  }[];
  totals: { started: number; finished: number; answered: number; correct: number; accuracy: number | null };
}
