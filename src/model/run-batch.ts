import { z } from 'zod';
import { parseJsonText } from './json-text.js';
import { ModelRequestError } from './model-errors.js';
import { dropNullOptionals, inputJsonSchema } from './strict-json-schema.js';
import type { ModelGateway, StructuredRequest, StructuredResult } from './types.js';

export interface BatchSpec<I extends { id: string }, O> {
  stage: string;
  items: I[];
  /** Build the request for these items; `repair` carries the previous reply and what was wrong with it. */
  request(items: I[], repair?: { error: string; raw: string }): StructuredRequest<{ items: O[] }>;
  idOf(output: O): string;
  signal?: AbortSignal;
}

export interface BatchResult<O> {
  results: Map<string, { value: O; raw: string; cacheKey: string }>;
  failures: { id: string; reason: string; raw?: string }[];
}

/** The most of a bad reply (and of its error) a repair prompt carries: the start and the end, not a 10 MB echo. */
export const REPAIR_EXCERPT_CHARS = 4000;
const REPAIR_ERROR_CHARS = 600;

/** A bounded excerpt of a bad reply for a repair prompt. */
export function repairExcerpt(raw: string, max = REPAIR_EXCERPT_CHARS): string {
  if (raw.length <= max) return raw;
  const half = Math.floor(max / 2);
  return `${raw.slice(0, half)}\n[… ${raw.length - max} characters left out …]\n${raw.slice(-half)}`;
}

/** What one reply settled: items accepted, items still open, and what to tell the model. */
interface Verdict {
  pending: string[];
  error: string;
  raw: string;
  /** Ask again with the error (false for a rejected request: a repair note would only make it longer). */
  repairable: boolean;
  /** The reply was cut at the output limit: the completion tokens it had, and the limit the request set. */
  cut?: { completionTokens: number; asked: number | undefined };
}

/** A single item whose reply was cut is asked once more with this much more room (at least ROOM_FLOOR tokens). */
const MORE_ROOM = 2;
const ROOM_FLOOR = 1024;

/**
 * Ask for a batch of items and make sure every item ends up answered or recorded as failed.
 *
 * Per batch: ask; whatever a reply got right is kept (valid items with an expected id, once each);
 * the rest is asked again ONCE with the error and the previous reply (a deterministic request, so it is
 * cached like any other); what is still open is split in halves, and each half goes through the same
 * steps, down to single items. A single item whose reply was cut at the output limit is asked once more
 * with more room. A single item that still fails is in `failures` with its reason and the
 * last raw reply: never silently dropped. Items a reply answered twice with different values, or ids
 * it invented, are not kept. A request the endpoint rejected (HTTP 400, e.g. too long) is split
 * without a repair; a request that failed after all retries fails its items without splitting (the
 * endpoint is in trouble; more requests would not help). Fatal errors, AbortedError, BudgetError and
 * CacheMissError propagate.
 */
export async function runBatch<I extends { id: string }, O>(gateway: ModelGateway, spec: BatchSpec<I, O>): Promise<BatchResult<O>> {
  const results: BatchResult<O>['results'] = new Map();
  const failures: BatchResult<O>['failures'] = [];
  const byId = new Map(spec.items.map((i) => [i.id, i]));

  const ask = async (items: I[], repair?: { error: string; raw: string }, room?: (asked: number | undefined) => number): Promise<Verdict> => {
    const built = spec.request(items, repair);
    const request = room ? { ...built, maxTokens: room(built.maxTokens), beyondLearnedCap: true } : built;
    const withSignal = request.signal || !spec.signal ? request : { ...request, signal: spec.signal };
    let res: StructuredResult<{ items: O[] }>;
    try {
      res = await gateway.structured(withSignal);
    } catch (err) {
      if (!(err instanceof ModelRequestError)) throw err;
      if (err.exhausted) {
        for (const i of items) failures.push({ id: i.id, reason: err.message });
        return { pending: [], error: err.message, raw: '', repairable: false };
      }
      return { pending: items.map((i) => i.id), error: err.message, raw: '', repairable: false };
    }
    const verdict = settle(items, res, request.schema);
    // A reply cut at the output cap: asking again with it would only be longer; split the batch instead.
    return !res.ok && res.kind === 'truncated' ? { ...verdict, repairable: false, cut: { completionTokens: res.usage.completionTokens, asked: request.maxTokens } } : verdict;
  };

  const settle = (items: I[], res: StructuredResult<{ items: O[] }>, schema: z.ZodType<{ items: O[] }>): Verdict => {
    const expected = new Set(items.map((i) => i.id));
    const outputs = res.ok ? res.value.items : salvage(res, schema);
    const seen = new Map<string, O[]>();
    for (const o of outputs) {
      const id = spec.idOf(o);
      if (expected.has(id)) seen.set(id, [...(seen.get(id) ?? []), o]);
    }
    const problems: string[] = res.ok ? [] : [res.error];
    const missing: string[] = [];
    const duplicated: string[] = [];
    for (const id of expected) {
      const got = seen.get(id) ?? [];
      const first = got[0];
      if (first !== undefined && got.every((g) => JSON.stringify(g) === JSON.stringify(first))) {
        results.set(id, { value: first, raw: res.raw, cacheKey: res.cacheKey });
      } else if (got.length > 1) duplicated.push(id);
      else missing.push(id);
    }
    const invented = outputs.map((o) => spec.idOf(o)).filter((id) => !expected.has(id));
    if (res.ok && missing.length > 0) problems.push(`missing ids: ${missing.join(', ')}`);
    if (duplicated.length > 0) problems.push(`ids answered more than once with different values: ${duplicated.join(', ')}`);
    if (invented.length > 0) problems.push(`ids not in the request: ${[...new Set(invented)].join(', ')}`);
    return { pending: [...missing, ...duplicated], error: problems.join('; ') || 'invalid reply', raw: res.raw, repairable: true };
  };

  const solve = async (items: I[]): Promise<void> => {
    if (items.length === 0) return;
    let verdict = await ask(items);
    if (verdict.pending.length === 0) return;
    if (verdict.repairable) {
      const open = verdict.pending.map((id) => byId.get(id)!);
      const repaired = await ask(open, { error: verdict.error.slice(0, REPAIR_ERROR_CHARS), raw: repairExcerpt(verdict.raw) });
      if (repaired.pending.length === 0) return;
      verdict = repaired;
    }
    let open = verdict.pending.map((id) => byId.get(id)!);
    if (open.length === 1 && verdict.cut) {
      // One item whose reply was cut: once more with more room before it fails.
      const { completionTokens, asked } = verdict.cut;
      const roomier = await ask(open, undefined, () => Math.max(ROOM_FLOOR, MORE_ROOM * completionTokens, MORE_ROOM * (asked ?? 0)));
      if (roomier.pending.length === 0) return;
      verdict = roomier;
      open = verdict.pending.map((id) => byId.get(id)!);
    }
    if (open.length === 1) {
      failures.push({ id: open[0]!.id, reason: verdict.error, ...(verdict.raw ? { raw: verdict.raw } : {}) });
      return;
    }
    const half = Math.ceil(open.length / 2);
    await Promise.all([solve(open.slice(0, half)), solve(open.slice(half))]);
  };

  await solve(dedupeItems(spec.items));
  return { results, failures };
}

/** From a reply that failed as a whole, the items that are valid on their own (schema `{ items: O[] }`). */
function salvage<O>(res: StructuredResult<{ items: O[] }>, schema: z.ZodType<{ items: O[] }>): O[] {
  if (res.ok || (res.kind !== 'schema' && res.kind !== 'ids')) return [];
  const element = itemSchemaOf(schema);
  if (!element) return [];
  const json = parseJsonText(res.raw);
  if (!json.ok || !json.value || typeof json.value !== 'object') return [];
  const list = (json.value as { items?: unknown }).items;
  if (!Array.isArray(list)) return [];
  const input = inputJsonSchema(element);
  return list.flatMap((raw) => {
    const parsed = element.safeParse(dropNullOptionals(raw, input));
    return parsed.success ? [parsed.data as O] : [];
  });
}

function itemSchemaOf(schema: z.ZodType): z.ZodType | null {
  if (!(schema instanceof z.ZodObject)) return null;
  const items = (schema.shape as Record<string, z.ZodType>).items;
  return items instanceof z.ZodArray ? (items.element as z.ZodType) : null;
}

function dedupeItems<I extends { id: string }>(items: I[]): I[] {
  const seen = new Set<string>();
  return items.filter((i) => (seen.has(i.id) ? false : (seen.add(i.id), true)));
}
