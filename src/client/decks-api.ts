import type { Card, DeckIssue } from '@/decks/types';

/**
 * The deck pages' HTTP client (src/app/api/decks, src/app/api/deck-tools) and the edit tokens kept in this
 * browser. Only the deck pages load it: the phone's game page never does.
 */

export type ExampleVerdict = 'accept' | 'wrong';

export interface ExampleView {
  id: string;
  cardId: string;
  text: string;
  verdict: ExampleVerdict;
  roomId: string | null;
  createdAt: string;
}

export interface CardPreviewHtml {
  prompt: string;
  body: string | null;
  answer: string;
  choices: string[] | null;
}

export interface CardPreview {
  id: string;
  position: number;
  card: Card;
  html: CardPreviewHtml;
  ideas: string[];
  drawnChoice: string | null;
  examples: ExampleView[];
}

export interface DeckPage {
  id: string;
  title: string;
  description: string | null;
  source: string;
  readOnly: boolean;
  deleted: boolean;
  updatedAt: string;
  cards: CardPreview[];
}

export type PreviewResult =
  | {
      ok: true;
      title: string;
      description: string | null;
      cards: CardPreview[];
      warnings: DeckIssue[];
      target: { id: string; taken: boolean; builtin: boolean };
    }
  | { ok: false; errors: DeckIssue[] };

export interface ImportOutcome {
  id: string;
  title: string;
  cards: number;
  warnings: string[];
  replaced: boolean;
  editToken?: string;
  editPath?: string;
  requestedId?: string;
  notice?: string;
}

export interface TryResult {
  verdict: 'correct' | 'partial' | 'incorrect';
  score: number;
  matched: string[];
  missing: string[];
  /** Why, in a few plain words (what a player's phone says at the reveal). */
  explanation?: string;
  /** The grader is unsure: a host would be asked to settle it. */
  unsure?: boolean;
}

export type DeckApiResult<T> =
  | { ok: true; data: T; status: number }
  | { ok: false; status: number; code: string; message: string; issues: DeckIssue[] };

async function call<T>(url: string, init: RequestInit = {}, token?: string | null): Promise<DeckApiResult<T>> {
  let res: Response;
  try {
    res = await fetch(url, {
      cache: 'no-store',
      ...init,
      headers: {
        ...(init.body !== undefined && { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
    });
  } catch {
    return { ok: false, status: 0, code: 'network', message: 'Could not reach the Quizroom server. Check your connection and try again.', issues: [] };
  }
  let body: unknown = null;
  try {
    body = res.status === 204 ? null : await res.json();
  } catch {
    /* not JSON */
  }
  if (res.ok) return { ok: true, data: body as T, status: res.status };
  const err = (typeof body === 'object' && body !== null && 'error' in body ? (body as { error: unknown }).error : {}) as {
    code?: unknown;
    message?: unknown;
    issues?: unknown;
  };
  return {
    ok: false,
    status: res.status,
    code: typeof err.code === 'string' ? err.code : `http_${res.status}`,
    message: typeof err.message === 'string' ? err.message : `The server answered ${res.status}.`,
    issues: Array.isArray(err.issues) ? (err.issues as DeckIssue[]) : [],
  };
}

const post = (body: unknown): RequestInit => ({ method: 'POST', body: JSON.stringify(body) });
const path = (id: string, rest = '') => `/api/decks/${encodeURIComponent(id)}${rest}`;

export const deckApi = {
  preview: (text: string, fileName: string) => call<PreviewResult>('/api/deck-tools/preview', post({ text, fileName })),
  import: (text: string, fileName: string, editToken?: string) =>
    call<ImportOutcome>('/api/decks', post({ text, fileName, ...(editToken && { editToken }) })),
  page: (id: string) => call<DeckPage>(path(id)),
  owner: (id: string, token: string) => call<{ owner: true }>(path(id, '/owner'), {}, token),
  update: (id: string, token: string, text: string) => call<ImportOutcome>(path(id), { method: 'PUT', body: JSON.stringify({ text }) }, token),
  remove: (id: string, token: string) => call<null>(path(id), { method: 'DELETE' }, token),
  clone: (id: string) => call<ImportOutcome>(path(id, '/clone'), post({})),
  exportText: async (id: string): Promise<DeckApiResult<string>> => {
    try {
      const res = await fetch(path(id, '/export?inline=1'), { cache: 'no-store' });
      if (res.ok) return { ok: true, data: await res.text(), status: res.status };
      return { ok: false, status: res.status, code: `http_${res.status}`, message: 'The deck could not be exported.', issues: [] };
    } catch {
      return { ok: false, status: 0, code: 'network', message: 'Could not reach the Quizroom server.', issues: [] };
    }
  },
  tryAnswer: (id: string, cardId: string, text: string) => call<TryResult>(path(id, '/try'), post({ cardId, text })),
  tryCard: (card: Card, text: string) => call<TryResult>('/api/deck-tools/try', post({ card, text })),
  addExample: (id: string, token: string, cardId: string, text: string, verdict: ExampleVerdict) =>
    call<ExampleView>(path(id, '/examples'), post({ cardId, text, verdict }), token),
  removeExample: (id: string, token: string, exampleId: string) =>
    call<null>(path(id, `/examples/${encodeURIComponent(exampleId)}`), { method: 'DELETE' }, token),
};

// ---- edit tokens kept in this browser (like a group's admin token) ----

const TOKENS_KEY = 'quizroom:deck-tokens';

function readTokens(): Record<string, string> {
  try {
    const v: unknown = JSON.parse(window.localStorage.getItem(TOKENS_KEY) ?? '{}');
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return {};
    return Object.fromEntries(Object.entries(v).filter((e): e is [string, string] => typeof e[1] === 'string'));
  } catch {
    return {};
  }
}

/** The edit token this browser holds for a deck, if any. */
export function deckTokenFor(id: string): string | null {
  return readTokens()[id] ?? null;
}

/** @returns false when storage is unavailable (the token is then only in the link) */
export function saveDeckToken(id: string, token: string): boolean {
  try {
    window.localStorage.setItem(TOKENS_KEY, JSON.stringify({ ...readTokens(), [id]: token }));
    return true;
  } catch {
    return false;
  }
}

export function forgetDeckToken(id: string): void {
  try {
    const { [id]: _gone, ...rest } = readTokens();
    window.localStorage.setItem(TOKENS_KEY, JSON.stringify(rest));
  } catch {
    /* storage unavailable */
  }
}
