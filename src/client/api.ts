/** Typed fetch helpers for the HTTP API (src/app/api). Errors come back as `{ error: { code, message } }`. */

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

export type ApiResult<T> =
  { ok: true; data: T; status: number } | { ok: false; status: number; code: string; message: string };

async function call<T>(url: string, init?: RequestInit): Promise<ApiResult<T>> {
  let res: Response;
  try {
    res = await fetch(url, { cache: 'no-store', ...init });
  } catch {
    return {
      ok: false,
      status: 0,
      code: 'network',
      message: 'Could not reach the Quizroom server. Check your connection and try again.',
    };
  }
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    /* not JSON */
  }
  if (res.ok) return { ok: true, data: body as T, status: res.status };
  const err =
    typeof body === 'object' &&
    body !== null &&
    'error' in body &&
    typeof body.error === 'object' &&
    body.error !== null
      ? (body.error as { code?: unknown; message?: unknown })
      : {};
  return {
    ok: false,
    status: res.status,
    code: typeof err.code === 'string' ? err.code : `http_${res.status}`,
    message:
      typeof err.message === 'string' ? err.message : `The server answered ${res.status} ${res.statusText}.`,
  };
}

const json = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

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
