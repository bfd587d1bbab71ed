import type { Card } from '@/decks/types';
import type {
  CardPreview as CardPreviewOf,
  DeckIssue,
  DeckPage as DeckPageOf,
  ExampleVerdict,
  ExampleView,
  ImportOutcome,
  PreviewResult as PreviewResultOf,
  TryResult,
} from '@/protocol/decks';
import { call as request, NETWORK_MESSAGE, type ApiResult } from './api';

/**
 * The deck pages' HTTP client (src/app/api/decks, src/app/api/deck-tools) and the edit tokens kept in this
 * browser. Only the deck pages load it: the phone's game page never does. The answers' shapes are
 * src/protocol/decks.ts, with the deck format's cards.
 */

export type { CardPreviewHtml } from '@/protocol/decks';
export type { ExampleVerdict, ExampleView, ImportOutcome, TryResult };
export type CardPreview = CardPreviewOf<Card>;
export type DeckPage = DeckPageOf<Card>;
export type PreviewResult = PreviewResultOf<Card>;

/** A deck call's answer: a refusal always lists the deck text's problems (none for other refusals). */
export type DeckApiResult<T> = { ok: true; data: T; status: number } | { ok: false; status: number; code: string; message: string; issues: DeckIssue[] };

async function call<T>(url: string, init: RequestInit = {}, token?: string | null): Promise<DeckApiResult<T>> {
  const r: ApiResult<T> = await request<T>(url, init, token);
  return r.ok ? r : { ...r, issues: r.issues ?? [] };
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
      return { ok: false, status: 0, code: 'network', message: NETWORK_MESSAGE, issues: [] };
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
