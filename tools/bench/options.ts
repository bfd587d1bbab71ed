import type { ClientKind, Timing } from './messages';

/** Command-line flags of `npm run bench` (see docs/PERFORMANCE.md). */
export interface BenchOptions {
  players: number[];
  questions: number;
  timeLimitSec: number;
  workers: number;
  client: ClientKind;
  server: 'prod' | 'bare';
  port: number | null;
  json: boolean;
  markdown: boolean;
  wsBaseline: boolean;
  wsRounds: number;
  cpuProf: boolean;
  cpuProfClients: boolean;
  /** Connections in flight per worker while players join. */
  connectConcurrency: number;
  /** lobby: players join before the start (every join is broadcast to the room); reveal: during a warm-up's reveal. */
  joinDuring: 'lobby' | 'reveal';
  joinTimeoutSec: number | null;
  timings: Timing[] | null;
  build: 'auto' | 'force' | 'never';
  pin: boolean;
  keep: boolean;
  strict: boolean;
  /** Wait up to this many seconds for a quiet machine before each size (0: don't). */
  waitQuietSec: number;
  /** Bots send `reactionMs` with their answers, as the web client does (default on). */
  reactionMs: boolean;
  /** Server processes sharing Postgres (DATABASE_URL) and Redis (REDIS_URL); players are spread over them. */
  processes: number;
  /** live: one room, everyone answers the same question; self-paced: each player plays an assignment alone. */
  mode: 'live' | 'self-paced';
  /** Self-paced: players per assignment (each plays their own seat), and the mean think time per card (ms). */
  perAssignment: number;
  thinkMs: number;
  /**
   * classic: choice and typed questions from the built-in deck; mixed: every question kind [R12], from the
   * sample deck src/decks/builtin/question-kinds.md (one card of each kind).
   */
  kinds: 'classic' | 'mixed';
}

/** Cards of the sample deck: `--kinds mixed` plays them all unless --questions says otherwise. */
export const MIXED_KIND_QUESTIONS = 8;

export const USAGE = `npm run bench -- [flags]

  --players N[,N...]     simulated players (default 1000); several sizes run one after the other, one table
  --questions K          questions per game (default 4, alternating choice / text; at most 22; with
                         --kinds mixed default 8, one of each kind)
  --kinds classic|mixed  classic (default): choice and typed questions of the built-in deck; mixed: every
                         question kind (true/false, all that apply, ordering, number, poll, word cloud, choice,
                         typed) from the sample deck question-kinds, the bots answering each in its own shape
  --time-limit S         seconds per question (default 10, 5..300)
  --timing LIST          e.g. spread,spread,burst,burst (default: first half spread, second half burst)
  --workers W            client worker processes (default 2; at least one per server process)
  --processes P          P server processes (default 1) sharing Postgres and Redis, as in production's
                         cluster mode: needs DATABASE_URL and REDIS_URL; the room is created on (and owned by)
                         the first, the host attaches there, players are spread over all of them
  --client socketio|raw  simulated players use socket.io-client (default), or a minimal protocol client
                         that decodes only what a bot reads (to see the server's cost apart from the clients')
  --connect-concurrency C  joins in flight per worker (default 50)
  --join-during lobby|reveal  players join in the lobby (default: each join is broadcast to the room), or
                         during the reveal of a warm-up question (no broadcast per join [R2.6]) to reach
                         the questions quickly with many players
  --join-timeout S       give up joining after S seconds (default max(60, N/20))
  --server prod|bare     prod: node dist/server.js (Next + socket.io, built if missing); bare: the realtime
                         server and database without Next, bundled on the fly, no build (default prod)
  --rebuild / --no-build force a production build / never build
  --port P               server port (default: a free one); everything listens on 127.0.0.1
  --ws-baseline          also broadcast the same payload with a bare ws server to the same number of sockets
  --ws-rounds R          broadcasts in the ws baseline (default 5)
  --cpu-prof             run the server under node --cpu-prof and summarise where its time went (with
                         --processes, the first process: the room's owner)
  --cpu-prof-clients     profile the client workers too (files kept in the temp folder)
  --pin                  pin the server to CPU 0 and the load generator to CPU 1 (taskset)
  --json                 machine-readable results on stdout (progress goes to stderr)
  --markdown             also print the table as Markdown
  --strict               exit 1 when a target is missed too (not only on missed events / lost answers)
  --wait-quiet S         before each size, wait up to S seconds until other processes use <15% of the CPU
  --no-reaction-ms       bots do not send their reaction time with answers (the web client does [R4.6]):
                         shows what server delay alone would cost players
  --keep                 keep the temporary data folder and server log

  --mode live|self-paced self-paced: every player plays a self-paced assignment alone, at their own pace
                         (docs/ASSIGNMENTS.md): answers acknowledged once stored, ack p50/p99, lost answers,
                         RSS per player, server CPU per answer, Postgres commits per answer. Uses --players,
                         --questions (default 8 there), --workers, --client, --server, --port, --keep, --json,
                         --wait-quiet, --cpu-prof (the play phase), DATABASE_URL
  --per-assignment P     self-paced: players per assignment (default 100)
  --think-ms T           self-paced: mean time a player takes per card, uniform in 0.3T..1.7T (default 3000)
`;

function positiveInt(name: string, v: string | undefined, min = 1, max = 1_000_000): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new Error(`${name} must be an integer from ${min} to ${max}`);
  return n;
}

export function parseOptions(argv: string[]): BenchOptions | 'help' {
  const o: BenchOptions = {
    players: [1000],
    questions: 4,
    timeLimitSec: 10,
    workers: 2,
    client: 'socketio',
    server: 'prod',
    port: null,
    json: false,
    markdown: false,
    wsBaseline: false,
    wsRounds: 5,
    cpuProf: false,
    cpuProfClients: false,
    connectConcurrency: 50,
    joinDuring: 'lobby',
    joinTimeoutSec: null,
    timings: null,
    build: 'auto',
    pin: false,
    keep: false,
    strict: false,
    waitQuietSec: 0,
    reactionMs: true,
    processes: 1,
    mode: 'live',
    perAssignment: 100,
    thinkMs: 3000,
    kinds: 'classic',
  };
  let questionsGiven = false;
  const args = argv.slice();
  for (let i = 0; i < args.length; i++) {
    const raw = args[i] as string;
    const eq = raw.indexOf('=');
    const flag = eq > 0 ? raw.slice(0, eq) : raw;
    const value = () => {
      if (eq > 0) return raw.slice(eq + 1);
      i += 1;
      const v = args[i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '-h':
      case '--help':
        return 'help';
      case '--players':
        o.players = value()
          .split(',')
          .map((s) => positiveInt('--players', s.trim(), 1, 100_000));
        break;
      case '--questions':
        o.questions = positiveInt('--questions', value(), 1, 22);
        questionsGiven = true;
        break;
      case '--mode': {
        const v = value();
        if (v !== 'live' && v !== 'self-paced') throw new Error('--mode takes live or self-paced');
        o.mode = v;
        break;
      }
      case '--per-assignment':
        o.perAssignment = positiveInt('--per-assignment', value(), 1, 100_000);
        break;
      case '--think-ms':
        o.thinkMs = positiveInt('--think-ms', value(), 0, 600_000);
        break;
      case '--kinds': {
        const v = value();
        if (v !== 'classic' && v !== 'mixed') throw new Error('--kinds takes classic or mixed');
        o.kinds = v;
        break;
      }
      case '--time-limit':
        o.timeLimitSec = positiveInt('--time-limit', value(), 5, 300);
        break;
      case '--timing':
        o.timings = value()
          .split(',')
          .map((s) => {
            const t = s.trim();
            if (t !== 'spread' && t !== 'burst') throw new Error('--timing takes spread / burst');
            return t;
          });
        break;
      case '--processes':
        o.processes = positiveInt('--processes', value(), 1, 8);
        break;
      case '--workers':
        o.workers = positiveInt('--workers', value(), 1, 16);
        break;
      case '--client': {
        const v = value();
        if (v !== 'socketio' && v !== 'raw') throw new Error('--client takes socketio or raw');
        o.client = v;
        break;
      }
      case '--connect-concurrency':
        o.connectConcurrency = positiveInt('--connect-concurrency', value(), 1, 5000);
        break;
      case '--join-during': {
        const v = value();
        if (v !== 'lobby' && v !== 'reveal') throw new Error('--join-during takes lobby or reveal');
        o.joinDuring = v;
        break;
      }
      case '--join-timeout':
        o.joinTimeoutSec = positiveInt('--join-timeout', value(), 5, 3600);
        break;
      case '--server': {
        const v = value();
        if (v !== 'prod' && v !== 'bare') throw new Error('--server takes prod or bare');
        o.server = v;
        break;
      }
      case '--rebuild':
        o.build = 'force';
        break;
      case '--no-build':
        o.build = 'never';
        break;
      case '--port':
        o.port = positiveInt('--port', value(), 1, 65535);
        break;
      case '--ws-baseline':
        o.wsBaseline = true;
        break;
      case '--ws-rounds':
        o.wsRounds = positiveInt('--ws-rounds', value(), 1, 100);
        break;
      case '--cpu-prof':
        o.cpuProf = true;
        break;
      case '--cpu-prof-clients':
        o.cpuProfClients = true;
        break;
      case '--pin':
        o.pin = true;
        break;
      case '--json':
        o.json = true;
        break;
      case '--markdown':
        o.markdown = true;
        break;
      case '--strict':
        o.strict = true;
        break;
      case '--wait-quiet':
        o.waitQuietSec = positiveInt('--wait-quiet', value(), 1, 7200);
        break;
      case '--no-reaction-ms':
        o.reactionMs = false;
        break;
      case '--keep':
        o.keep = true;
        break;
      default:
        throw new Error(`unknown flag ${raw} (see --help)`);
    }
  }
  if (o.mode === 'self-paced' && !questionsGiven) o.questions = 8;
  if (o.mode === 'self-paced' && o.processes > 1) throw new Error('--mode self-paced runs one server process');
  if (o.kinds === 'mixed' && !questionsGiven) o.questions = MIXED_KIND_QUESTIONS;
  if (o.processes > 1 && o.pin) {
    throw new Error('--pin places one server process: not with --processes');
  }
  if (o.timings && o.timings.length < o.questions) {
    throw new Error(`--timing lists ${o.timings.length} questions but --questions is ${o.questions}`);
  }
  return o;
}

/** Spread for the first half of the game, the all-at-once burst for the rest (at least one burst). */
export function timingFor(o: BenchOptions, index: number): Timing {
  if (o.timings) return o.timings[index] ?? 'spread';
  return index >= Math.floor(o.questions / 2) ? 'burst' : 'spread';
}
