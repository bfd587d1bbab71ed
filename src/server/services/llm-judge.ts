import { z } from 'zod';
import type { Card } from '../../decks/types';
import type { Verdict } from '../../game/grading';
import type { Logger } from '../log';
import type { Judge, JudgeVerdict } from '../room/grades';

/**
 * An optional second opinion on typed answers the grader is unsure of (issue 9 item 7): a language model behind
 * an OpenAI-compatible `/chat/completions` endpoint (a local Ollama, vLLM, llama.cpp server, or a hosted one),
 * set by `GRADER_LLM_URL`. Off when that is unset. The room asks it only about unsure answers, while the
 * question is still open, and never waits for it: an answer that comes back before the question closes
 * replaces the grader's guess; a late or failed one is dropped (the request is aborted at its deadline).
 */

export interface LlmJudgeConfig {
  /** Base URL of the API, e.g. `http://127.0.0.1:11434/v1` (`/chat/completions` is appended). */
  url: string;
  model: string;
  apiKey?: string | undefined;
  /** Each request is aborted after this long. */
  timeoutMs: number;
}

const Reply = z.object({
  choices: z.array(z.object({ message: z.object({ content: z.string() }) })).min(1),
});

const Judgement = z.object({
  verdict: z.enum(['correct', 'partial', 'incorrect']),
  reason: z.string().max(300).optional(),
});

const SYSTEM =
  'You grade one typed answer to a quiz question like a strict but fair interviewer. ' +
  'An answer in other words (analogies, examples, abbreviations, jargon) is correct when it says what the reference says. ' +
  'An answer that reuses the reference words in a false statement (swapped roles, wrong lifetime, negation, wrong count) is incorrect. ' +
  'Reply with JSON only: {"verdict": "correct" | "partial" | "incorrect", "reason": "<at most 8 plain words>"}.';

/** The JSON inside a reply, even when the model wraps it in a code fence or a sentence. */
function jsonIn(content: string): unknown {
  const start = content.indexOf('{');
  const end = content.lastIndexOf('}');
  if (start < 0 || end <= start) return null;
  try {
    return JSON.parse(content.slice(start, end + 1));
  } catch {
    return null;
  }
}

const SCORE: Record<Verdict, number> = { correct: 1, partial: 0.5, incorrect: 0 };

export function createLlmJudge(cfg: LlmJudgeConfig, log: Logger, fetchImpl: typeof fetch = fetch): Judge {
  const endpoint = `${cfg.url.replace(/\/+$/, '')}/chat/completions`;
  return {
    async judge(card: Card, text: string): Promise<JudgeVerdict | null> {
      const body = {
        model: cfg.model,
        temperature: 0,
        messages: [
          { role: 'system', content: SYSTEM },
          {
            role: 'user',
            content: `Question: ${card.prompt}\n\nReference answer:\n${card.answer}\n\nPlayer's answer: ${text}`,
          },
        ],
      };
      try {
        const res = await fetchImpl(endpoint, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(cfg.apiKey ? { authorization: `Bearer ${cfg.apiKey}` } : {}),
          },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(cfg.timeoutMs),
        });
        if (!res.ok) {
          log.warn('llm judge answered with an error', { status: res.status });
          return null;
        }
        const reply = Reply.safeParse(await res.json());
        if (!reply.success) return null;
        const judged = Judgement.safeParse(jsonIn(reply.data.choices[0]!.message.content));
        if (!judged.success) return null;
        const { verdict, reason } = judged.data;
        return { verdict, score: SCORE[verdict], explanation: reason?.trim() || `judged ${verdict} by the model` };
      } catch (err) {
        // A timeout, a refused connection, a bad body: the grader's own grade stands.
        log.debug('llm judge gave no answer', { err: String(err) });
        return null;
      }
    },
  };
}
