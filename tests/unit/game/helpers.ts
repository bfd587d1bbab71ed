import type { Command, Ctx, Effect } from '../../../src/game/commands';
import { apply, createGame, type ApplyResult } from '../../../src/game/reducer';
import type { GameCard, GameState, RoomSettings } from '../../../src/game/types';
import { RoomGrades } from '../../../src/server/room/grades';

export const HOST = 'h'.repeat(64);

export const CARDS: GameCard[] = [
  {
    id: 'c1',
    card: {
      prompt: 'What is CNI?',
      answer: 'CNI stands for Container Network Interface.',
      accept: ['container network interface', 'cni'],
      choices: [
        { text: 'Container Network Interface', correct: true },
        { text: 'Cluster Network Interface', correct: false },
        { text: 'Cloud Native Ingress', correct: false },
        { text: 'Container Node Integration', correct: false },
      ],
    },
  },
  {
    id: 'c2',
    card: {
      prompt: 'Which component keeps Service routing rules on every node?',
      answer: 'kube-proxy runs on each node and maintains network rules that route Service traffic to Pods.',
      accept: ['kube-proxy'],
    },
  },
  {
    id: 'c3',
    card: { prompt: 'What is CoreDNS?', answer: 'CoreDNS is the DNS server of the cluster.', accept: ['dns server'] },
  },
  {
    id: 'c4',
    card: { prompt: 'What is Ingress?', answer: 'Ingress routes external HTTP traffic to Services.', accept: ['http routing'] },
  },
];

export function settings(over: Partial<RoomSettings> = {}): RoomSettings {
  return {
    mode: 'choice',
    timeLimitSec: 20,
    points: true,
    speedBonus: true,
    autoAdvance: false,
    autoAdvanceSec: 8,
    maxPlayers: 100,
    ...over,
  };
}

/** A deterministic rng (mulberry32). */
export function seededRng(seed = 42): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A test driver: holds the state and a controllable clock. */
export class Game {
  state: GameState;
  now = 1_000_000;
  rng = seededRng();
  /** The grades a room would pass in (each distinct text graded once). */
  grades = new RoomGrades();
  effects: Effect[] = [];

  constructor(over: Partial<RoomSettings> = {}, plan = ['c1', 'c2', 'c3']) {
    this.state = createGame({
      roomId: 'room1',
      code: 'ABCDEF',
      title: 'Test deck',
      joinUrl: 'http://quiz.test/play/ABCDEF',
      deckId: 'test',
      hostTokenHash: HOST,
      settings: settings(over),
      cards: CARDS,
      plan,
      now: this.now,
    });
  }

  /** Close on an alarm when everyone has answered, as the room runs the rules [R4.5]. */
  closeOnAlarm = false;

  ctx(): Ctx {
    return { now: this.now, rng: this.rng, grades: this.grades, closeOnAlarm: this.closeOnAlarm };
  }

  do(cmd: Command): ApplyResult {
    const r = apply(this.state, cmd, this.ctx());
    this.state = r.state;
    this.effects = r.effects;
    return r;
  }

  ok(cmd: Command): ApplyResult {
    const r = this.do(cmd);
    if (r.error) throw new Error(`${cmd.type} refused: ${r.error.code} ${r.error.message}`);
    return r;
  }

  join(name: string): string {
    const id = `p-${name}`;
    this.ok({ type: 'join', playerId: id, nickname: name, tokenHash: `t-${name}` });
    return id;
  }

  host(type: 'start' | 'next' | 'reveal' | 'skip' | 'end'): ApplyResult {
    return this.ok({ type, hostTokenHash: HOST });
  }

  get q() {
    const q = this.state.questions[this.state.questions.length - 1];
    if (!q) throw new Error('no question');
    return q;
  }

  correct(): string {
    const id = this.q.correctChoiceId;
    if (!id) throw new Error('not a choice question');
    return id;
  }

  wrong(): string {
    const c = this.q.choices.find((x) => x.id !== this.q.correctChoiceId);
    if (!c) throw new Error('no wrong choice');
    return c.id;
  }

  answerChoice(playerId: string, choiceId: string, afterMs = 0): ApplyResult {
    this.now += afterMs;
    return this.do({ type: 'answer', playerId, questionIndex: this.q.index, choiceId });
  }

  score(playerId: string): number {
    return this.state.players.get(playerId)?.score ?? NaN;
  }
}
