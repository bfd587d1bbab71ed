import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Command } from '../../../src/game/commands';
import { checkInvariants } from '../../../src/game/invariants';
import { PHASES, type Phase } from '../../../src/game/types';
import { hostileString } from '../../support/hostile';
import { Game, HOST } from './helpers';

/**
 * The GameState invariants (src/game/invariants.ts) hold after any sequence of commands the reducer accepts or
 * refuses: random joins (hostile nicknames among them), answers, host commands, kicks, overrides, disconnects
 * and time passing. The socket fuzz test runs the same checker against a live server.
 */

type Step =
  | { type: 'join'; nickname: string; id: number }
  | { type: 'rejoin'; id: number }
  | { type: 'disconnect'; id: number }
  | { type: 'answerChoice'; id: number; choice: number; question: number }
  | { type: 'answerText'; id: number; text: string; question: number }
  | { type: 'host'; command: 'start' | 'next' | 'reveal' | 'skip' | 'end'; phase?: Phase; question?: number }
  | { type: 'kick'; id: number }
  | { type: 'override'; id: number; question: number; accept: boolean }
  | { type: 'autoAdvance'; on: boolean }
  | { type: 'wait'; ms: number };

const id = fc.nat(7);
const question = fc.integer({ min: -1, max: 4 });
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ type: fc.constant('join' as const), nickname: fc.oneof(hostileString, fc.constantFrom('ann', 'ANN', 'аnn', 'bob', 'b0b')), id }) },
  fc.record({ type: fc.constant('rejoin' as const), id }),
  fc.record({ type: fc.constant('disconnect' as const), id }),
  { weight: 3, arbitrary: fc.record({ type: fc.constant('answerChoice' as const), id, choice: fc.nat(5), question }) },
  { weight: 3, arbitrary: fc.record({ type: fc.constant('answerText' as const), id, text: fc.oneof(hostileString, fc.constantFrom('kube-proxy', 'cni', ' ')), question }) },
  {
    weight: 3,
    arbitrary: fc.record(
      {
        type: fc.constant('host' as const),
        command: fc.constantFrom('start' as const, 'next' as const, 'reveal' as const, 'skip' as const, 'end' as const),
        // What the host's screen showed [R3.8]: often the room's own, sometimes stale, sometimes nothing.
        phase: fc.constantFrom(...PHASES),
        question,
      },
      { requiredKeys: ['type', 'command'] },
    ),
  },
  fc.record({ type: fc.constant('kick' as const), id }),
  fc.record({ type: fc.constant('override' as const), id, question, accept: fc.boolean() }),
  fc.record({ type: fc.constant('autoAdvance' as const), on: fc.boolean() }),
  { weight: 2, arbitrary: fc.record({ type: fc.constant('wait' as const), ms: fc.integer({ min: 0, max: 30_000 }) }) },
);

function toCommand(g: Game, s: Step): Command {
  const pid = `p${'id' in s ? s.id : 0}`;
  const current = Math.max(0, g.state.questions.length - 1);
  switch (s.type) {
    case 'join':
      return { type: 'join', playerId: pid, nickname: s.nickname, tokenHash: `t-${pid}` };
    case 'rejoin':
      return { type: 'rejoin', playerId: pid, tokenHash: `t-${pid}` };
    case 'disconnect':
      return { type: 'disconnect', playerId: pid };
    case 'answerChoice':
      return { type: 'answer', playerId: pid, questionIndex: current + s.question, choiceId: 'abcdef'[s.choice] };
    case 'answerText':
      return { type: 'answer', playerId: pid, questionIndex: current + s.question, text: s.text };
    case 'host':
      return {
        type: s.command,
        hostTokenHash: HOST,
        ...(s.phase !== undefined && { phase: s.phase }),
        ...(s.question !== undefined && current + s.question >= 0 && { questionIndex: current + s.question }),
      };
    case 'kick':
      return { type: 'kick', hostTokenHash: HOST, playerId: pid };
    case 'override':
      return { type: 'override', hostTokenHash: HOST, playerId: pid, questionIndex: current + s.question, accept: s.accept };
    case 'autoAdvance':
      return { type: 'setAutoAdvance', hostTokenHash: HOST, autoAdvance: s.on };
    case 'wait':
      g.now += s.ms;
      return { type: 'tick' };
  }
}

describe('GameState invariants', () => {
  it('[R2.2][R2.3][R4][R5.5] hold after every step of random command sequences (hostile text included)', () => {
    fc.assert(
      fc.property(fc.constantFrom('choice' as const, 'text' as const, 'mixed' as const), fc.array(step, { maxLength: 60 }), (mode, steps) => {
        const g = new Game({ mode, timeLimitSec: 10, autoAdvanceSec: 3 }, ['c1', 'c2', 'c3']);
        for (const s of steps) {
          g.do(toCommand(g, s));
          const problems = checkInvariants(g.state);
          if (problems.length > 0) throw new Error(`after ${JSON.stringify(s)}: ${problems.join('; ')}`);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('finds a corrupted state (so the fuzz tests can fail)', () => {
    const g = new Game();
    g.join('ann');
    g.join('bob');
    g.host('start');
    expect(checkInvariants(g.state)).toEqual([]);
    g.state.connectedCount += 1;
    g.state.players.get('p-ann')!.nickname = 'a\u0000nn';
    g.state.players.get('p-bob')!.score = 100;
    g.state.phase = 'lobby';
    const problems = checkInvariants(g.state).join('\n');
    expect(problems).toMatch(/connectedCount/);
    expect(problems).toMatch(/not clean/);
    expect(problems).toMatch(/lobby after the start/);
    expect(problems).toMatch(/question 0 is open in phase lobby/);
  });
});
