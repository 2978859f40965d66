import { rowJson } from './planned-answer.js';
import type { AnswerResult } from './types.js';

/** The fields `ask --json` (and chat's JSON lines) add for the question's kind: kind, plan, count, rows. */
export function plannedJson(result: AnswerResult): { kind: string; plan: unknown; count: number | null; rows: Record<string, unknown>[] | null; note?: string } {
  return {
    kind: result.kind ?? 'lookup',
    plan: result.plan ?? null,
    count: result.count ?? null,
    rows: result.rows ? result.rows.map(rowJson) : null,
    ...(result.note ? { note: result.note } : {}),
  };
}
