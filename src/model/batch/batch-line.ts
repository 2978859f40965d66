import { createHash } from 'node:crypto';
import { z } from 'zod';
import { canonicalJSON } from '../../cache/canonical-json.js';
import type { ChatBody } from '../structured-method.js';

/** The endpoint every litrev batch line is sent to. */
export const BATCH_ENDPOINT = '/v1/chat/completions';

/**
 * The identity of a request body: sha256 of its canonical JSON (the same body always gives the same
 * id, in any process). With the occurrence number of identical bodies in one batch it becomes the
 * line's `custom_id`, which is how a re-run recognises the lines of a batch it started before.
 */
export function bodyId(body: ChatBody): string {
  return createHash('sha256').update(canonicalJSON(body)).digest('hex').slice(0, 40);
}

export function customId(id: string, occurrence: number): string {
  return `litrev-${id}-${occurrence}`;
}

/** One line of a batch input file. */
export function requestLine(custom: string, body: ChatBody): string {
  return JSON.stringify({ custom_id: custom, method: 'POST', url: BATCH_ENDPOINT, body });
}

const ResultLineSchema = z.object({
  custom_id: z.string(),
  response: z
    .object({ status_code: z.number().int(), body: z.unknown() })
    .nullable()
    .optional(),
  error: z
    .object({ code: z.string().nullish(), message: z.string().nullish() })
    .nullable()
    .optional(),
});

/** What the provider said about one line: an HTTP answer (2xx or an error status), or why it was not run. */
export type LineResult =
  | { customId: string; kind: 'answered'; status: number; body: unknown }
  | { customId: string; kind: 'not-run'; code: string; message: string };

/** Parse the lines of an output or error file; lines that are not valid result lines are returned apart. */
export function parseResultFile(text: string): { results: LineResult[]; invalid: string[] } {
  const results: LineResult[] = [];
  const invalid: string[] = [];
  for (const raw of text.split('\n')) {
    if (raw.trim() === '') continue;
    const result = parseResultLine(raw);
    if (result) results.push(result);
    else invalid.push(raw.slice(0, 120));
  }
  return { results, invalid };
}

/** One line of an output or error file, or null when it is not a valid result line. */
export function parseResultLine(raw: string): LineResult | null {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return null;
  }
  const parsed = ResultLineSchema.safeParse(json);
  if (!parsed.success) return null;
  const line = parsed.data;
  if (line.response) return { customId: line.custom_id, kind: 'answered', status: line.response.status_code, body: line.response.body };
  return { customId: line.custom_id, kind: 'not-run', code: line.error?.code ?? 'unknown', message: line.error?.message ?? 'no answer' };
}
