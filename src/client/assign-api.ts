/** Typed fetch helpers for self-paced assignments (src/app/api/assignments, docs/ASSIGNMENTS.md). */
import type { AssignmentProgress, CreateAssignmentResponse } from '@/protocol';
import { call, type ApiResult } from './boards-api';

export interface AssignmentInput {
  source: 'deck' | 'cards' | 'missed';
  deckId?: string;
  positions?: number[];
  group?: { id: string; adminToken: string };
  /** ISO date-time, or null for none. */
  deadline: string | null;
  timerSec: number | null;
  mode: 'choice' | 'text' | 'mixed';
}

const json = (body: unknown): RequestInit => ({ method: 'POST', body: JSON.stringify(body) });

export const createAssignment = (input: AssignmentInput): Promise<ApiResult<CreateAssignmentResponse>> =>
  call<CreateAssignmentResponse>('/api/assignments', json(input));

export const loadAssignmentProgress = (id: string, hostToken: string): Promise<ApiResult<AssignmentProgress>> =>
  call<AssignmentProgress>(`/api/assignments/${encodeURIComponent(id)}`, {}, hostToken);

export const closeAssignment = (id: string, hostToken: string): Promise<ApiResult<AssignmentProgress>> =>
  call<AssignmentProgress>(`/api/assignments/${encodeURIComponent(id)}/close`, json({}), hostToken);
