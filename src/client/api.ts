/** Typed fetch helpers for the HTTP API (src/app/api). Errors come back as `{ error: { code, message } }`. */
import type { DeckIssue } from '@/protocol/decks';

export interface DeckSummary {
  id: string;
  title: string;
  description: string | null;
  source: string;
  cardCount: number;
}

export interface RoomInfo {
  code: string;
  title: string;
  phase: 'lobby' | 'question' | 'reveal' | 'leaderboard' | 'finished';
  playerCount?: number;
  live: boolean;
}

export interface ImportedDeck {
  id: string;
  title: string;
  cards: number;
  warnings: string[];
}

/** A refused call: the server's `{ error: { code, message } }`, or `http_<status>`, or `network` when no answer came. */
export interface ApiFailure {
  ok: false;
  status: number;
  code: string;
  message: string;
  /** A deck text's line-numbered problems (the deck routes send them with a 400). */
  issues?: DeckIssue[];
}

export type ApiResult<T> = { ok: true; data: T; status: number } | ApiFailure;

export const NETWORK_MESSAGE = 'Could not reach the Quizroom server. Check your connection and try again.';

/**
 * The browser's one JSON call to the HTTP API: never cached; a body goes as JSON (`content-type` set), `token`
 * as the bearer. The answer's JSON is the data (null for an empty 204); a refusal comes back as an ApiFailure.
 */
export async function call<T>(url: string, init: RequestInit = {}, token?: string | null): Promise<ApiResult<T>> {
  const headers = new Headers(init.headers);
  if (token) headers.set('authorization', `Bearer ${token}`);
  if (init.body !== undefined) headers.set('content-type', 'application/json');
  let res: Response;
  try {
    res = await fetch(url, { cache: 'no-store', ...init, headers });
  } catch {
    return { ok: false, status: 0, code: 'network', message: NETWORK_MESSAGE };
  }
  let body: unknown = null;
  try {
    body = res.status === 204 ? null : await res.json();
  } catch {
    /* not JSON */
  }
  if (res.ok) return { ok: true, data: body as T, status: res.status };
  const err =
    typeof body === 'object' && body !== null && 'error' in body && typeof body.error === 'object' && body.error !== null
      ? (body.error as { code?: unknown; message?: unknown; issues?: unknown })
      : {};
  return {
    ok: false,
    status: res.status,
    code: typeof err.code === 'string' ? err.code : `http_${res.status}`,
    message: typeof err.message === 'string' ? err.message : `The server answered ${res.status}.`,
    ...(Array.isArray(err.issues) ? { issues: err.issues as DeckIssue[] } : {}),
  };
}

const json = (body: unknown): RequestInit => ({ method: 'POST', body: JSON.stringify(body) });

export function listDecks(): Promise<ApiResult<{ decks: DeckSummary[] }>> {
  return call('/api/decks');
}

export function importDeck(fileName: string, text: string, id?: string): Promise<ApiResult<ImportedDeck>> {
  return call('/api/decks', json(id ? { fileName, text, id } : { fileName, text }));
}

export interface CreateRoomInput {
  deckId: string;
  settings: {
    mode: 'choice' | 'text' | 'mixed';
    timeLimitSec: number;
    points: boolean;
    speedBonus: boolean;
    autoAdvance: boolean;
    autoAdvanceSec: number;
    /** The "get ready" lead-in before each question [R14.5]. */
    leadIn?: boolean;
  };
  questionCount?: number;
  shuffle: boolean;
  /** The group the game counts for (its admin token proves the host may add games). */
  group?: { id: string; adminToken: string };
}

export interface CreatedRoom {
  code: string;
  hostToken: string;
  joinUrl: string;
  hostUrl: string;
}

export function createRoom(input: CreateRoomInput): Promise<ApiResult<CreatedRoom>> {
  return call('/api/rooms', json(input));
}

export function roomInfo(code: string): Promise<ApiResult<RoomInfo>> {
  return call(`/api/rooms/${encodeURIComponent(code)}`);
}
