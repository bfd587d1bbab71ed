/** Typed fetch helpers for the personal review queue (src/app/api/profiles/me/review) [R16]. */
import type { ReviewCardView, ReviewRating, ReviewReveal, StudySummary } from '@/protocol/study';
import { call as request, type ApiResult } from './api';

export type { ApiResult };
export type { MasterySeries, ReviewCardView, ReviewRating, ReviewReveal, ReviewVerdict as Verdict, StudySummary } from '@/protocol/study';

/** The profile's requests: the one JSON call (api.ts), always with the profile's token. */
const call = <T,>(url: string, token: string, init: RequestInit = {}): Promise<ApiResult<T>> => request<T>(url, init, token);

/** The browser's offset from UTC (days are the player's own). */
export const tzOffset = (): number => new Date().getTimezoneOffset();

function query(params: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) q.set(k, String(v));
  return q.toString();
}

export const loadStudy = (token: string, room?: string) =>
  call<StudySummary>(`/api/profiles/me/review?${query({ tz: tzOffset(), room })}`, token);

/** `since` absent: a new session, whose start (server time) comes back in the answer. */
export const nextReviewCard = (token: string, since: number | undefined, room?: string) =>
  call<{ card: ReviewCardView | null; remaining: number; since: number }>(`/api/profiles/me/review/next?${query({ tz: tzOffset(), room, since })}`, token);

export const answerReviewCard = (
  token: string,
  body: { cardId: string; text?: string; choiceId?: string; elapsedMs: number; since: number; room?: string },
) =>
  call<{ reveal: ReviewReveal; next: ReviewCardView | null; remaining: number }>('/api/profiles/me/review/answer', token, {
    method: 'POST',
    body: JSON.stringify({ ...body, tz: tzOffset() }),
  });

export const selfRateReview = (token: string, logId: string, rating: ReviewRating) =>
  call<{ due: string; intervalMs: number; interval: string; rating: ReviewRating }>('/api/profiles/me/review/rate', token, {
    method: 'POST',
    body: JSON.stringify({ logId, rating }),
  });

export const deleteProfile = (token: string) => call<null>('/api/profiles/me', token, { method: 'DELETE' });

/** Downloads the profile's export (the recovery code goes in a header, never in a URL). */
export async function downloadProfileExport(token: string, format: 'json' | 'csv', rows?: 'games' | 'reviews' | 'cards'): Promise<string | null> {
  let res: Response;
  try {
    res = await fetch(`/api/profiles/me/export?${query({ format, rows })}`, { headers: { authorization: `Bearer ${token}` }, cache: 'no-store' });
  } catch {
    return 'Could not reach the Quizroom server.';
  }
  if (!res.ok) return `The server answered ${res.status}.`;
  const blob = await res.blob();
  const name = /filename="?([^";]+)"?/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? `quizroom-profile.${format}`;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
  return null;
}
