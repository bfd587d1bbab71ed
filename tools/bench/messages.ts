/**
 * IPC messages between the bench coordinator (tools/bench/run.ts), its client worker processes
 * (tools/bench/worker.ts), the server probe (tools/bench/server-probe.mjs) and the ws baseline server
 * (tools/bench/ws-baseline.ts). All times are epoch milliseconds (fractional), already converted to the
 * clock of the server being measured unless a name says otherwise.
 */

import type { QuestionKindName } from '../../src/protocol';

export type Timing = 'spread' | 'burst';
/** socket.io-client, or the bench's minimal protocol client (tools/bench/raw-client.ts). */
export type ClientKind = 'socketio' | 'raw';

export interface BotSpec {
  /** Global player number (0..N-1). */
  n: number;
  nickname: string;
}

export interface QuestionPlan {
  index: number;
  kind: QuestionKindName;
  timing: Timing;
  timeLimitMs: number;
}

/** Coordinator -> worker. */
export type ToWorker =
  | {
      type: 'init';
      url: string;
      code: string;
      bots: BotSpec[];
      concurrency: number;
      deadlineMs: number;
      client: ClientKind;
      /** Send the bot's own reaction time with each answer, as the web client does [R4.6]. */
      sendReactionMs: boolean;
    }
  | { type: 'connect' }
  | { type: 'sync' }
  | { type: 'plan'; plan: QuestionPlan }
  /** The correct answer, from the host's view, so bots can answer right some of the time. */
  | {
      type: 'hint';
      index: number;
      choiceId: string | null;
      text: string | null;
      wrongChoiceIds: string[];
      /** Typed answers people gave to this question, right and wrong (from the labelled sets). */
      rightTexts: string[];
      wrongTexts: string[];
    }
  | { type: 'collectQuestion'; index: number }
  | { type: 'expectPhase'; phase: 'leaderboard' | 'finished'; questionNumber: number }
  | { type: 'collectPhase'; phase: 'leaderboard' | 'finished'; questionNumber: number }
  | { type: 'wsConnect'; url: string; concurrency: number }
  | { type: 'wsExpect'; round: number }
  | { type: 'wsCollect'; round: number }
  /** A step's deadline passed: report whatever is being waited for, as incomplete. */
  | { type: 'flush' }
  | { type: 'stop' };

export interface JoinReport {
  type: 'joined';
  /** Player ids in the order of `init.bots` ('' where the join failed). */
  playerIds: string[];
  /** Per bot: connect start -> join ack, ms (NaN when it failed). */
  joinMs: number[];
  firstStart: number;
  lastDone: number;
  errors: string[];
}

/** Per bot, for one question: times on the server's clock; NaN = did not happen. */
export interface QuestionReport {
  type: 'question';
  index: number;
  complete: boolean;
  recvQuestion: number[];
  /** The `remainingMs` each bot saw (the same packet for all, so one value in practice). */
  remainingMs: number[];
  sentAnswer: number[];
  ackAt: number[];
  /** '' = ok, else the error code of the refusal ('timeout' when no ack came). */
  ackError: string[];
  recvReveal: number[];
  recvResult: number[];
  /** Points the server credited (from the bot's own player:you result). */
  points: number[];
  verdict: string[];
}

export interface PhaseReport {
  type: 'phase';
  phase: 'leaderboard' | 'finished';
  questionNumber: number;
  complete: boolean;
  recv: number[];
}

export interface WsRoundReport {
  type: 'wsRound';
  round: number;
  complete: boolean;
  recv: number[];
}

export interface WorkerStats {
  type: 'stats';
  errors: string[];
  serverErrors: number;
  disconnects: number;
  /** Worker process CPU time (user + system), ms, since the clock sync (the play phase). */
  cpuMs: number;
  /** The worker's own event-loop delay while measuring (its share of the measured latency). */
  loopP99Ms: number;
  loopMaxMs: number;
  messages: number;
}

/** Worker -> coordinator. */
export type FromWorker =
  | { type: 'ready' }
  | JoinReport
  | { type: 'synced'; offsetMs: number; rttMs: number }
  | { type: 'planned'; index: number }
  | QuestionReport
  | { type: 'expecting' }
  | PhaseReport
  | { type: 'wsConnected'; connected: number; errors: string[]; offsetMs: number; rttMs: number }
  | { type: 'wsExpecting'; round: number }
  | WsRoundReport
  | WorkerStats
  | { type: 'fatal'; message: string };

/** Coordinator -> server probe (preloaded into the server process with --import). */
export type ToProbe =
  | { type: 'probe:reset'; id: number }
  | { type: 'probe:read'; id: number; gc?: boolean }
  /** Event-loop delay since the last step (then resets the step histogram). */
  | { type: 'probe:step'; id: number }
  /** Answers once the loop has been idle for quietMs (at most maxMs). */
  | { type: 'probe:idle'; id: number; quietMs: number; maxMs: number }
  /** Stop / restart recording the loop delay (around the bench's own requests). */
  | { type: 'probe:pause'; id: number }
  | { type: 'probe:resume'; id: number };

export interface ProbeReading {
  type: 'probe:reading';
  id: number;
  /** Event-loop delay since the last reset (ms, the monitor's resolution already subtracted). */
  loop: { p50: number; p99: number; max: number; mean: number; count: number };
  rss: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
  /** Process CPU time (user + system) since the last reset, ms. */
  cpuMs: number;
  /** Event-loop utilisation since the last reset (0..1). */
  elu: number;
  /** process.hrtime in µs: the time base of .cpuprofile files, to cut a profile into phases. */
  hrUs: number;
  /** probe:idle only: how long it waited. */
  waitedMs?: number;
}

/** The probe saw the server start a `room:state` broadcast (server clock, Date.now()). */
export interface ProbeBroadcast {
  type: 'probe:broadcast';
  t: number;
  /** process.hrtime in µs (the .cpuprofile clock). */
  hrUs: number;
  /** How long the synchronous emit to every socket of the room took. */
  fanOutMs: number;
  phase: string;
  index: number | null;
  questionNumber: number;
}

export type FromProbe = ProbeReading | ProbeBroadcast | { type: 'probe:warning'; message: string };

/** Coordinator <-> ws baseline server. */
export type ToBaseline = { type: 'broadcast'; round: number; payload: string } | { type: 'count' };
export type FromBaseline =
  | { type: 'listening'; port: number }
  | { type: 'sent'; round: number; sendStart: number; sendEnd: number; clients: number }
  | { type: 'count'; clients: number };
