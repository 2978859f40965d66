import type { z } from 'zod';
import type { ChatReply } from '../cache/cache-entry.js';
import { parseJsonText } from './json-text.js';
import { dropNullOptionals, type JsonSchema } from './strict-json-schema.js';
import type { WireMethod } from './structured-method.js';
import type { OutputFailureKind } from './types.js';

/**
 * `offSchema`: the reply is JSON but not the schema's shape at its top level (not an object, or without
 * a required top-level field): what a model writes when the endpoint never showed it the schema. (Broken
 * JSON is not counted: a model can garble one reply whatever the endpoint enforces.)
 */
export type Interpreted<T> = { ok: true; value: T; raw: string } | { ok: false; kind: OutputFailureKind; error: string; raw: string; offSchema?: boolean };

/** The text that holds the structured answer: the forced tool call's arguments, else the content. */
export function rawStructuredText(reply: ChatReply, method: WireMethod, schemaName: string): string {
  if (method === 'function_calling') {
    const call = reply.toolCalls.find((c) => c.name === schemaName) ?? reply.toolCalls[0];
    if (call) return call.arguments;
  }
  return reply.content;
}

/**
 * Check a structured reply: refusal, empty, truncated (`finish_reason: length`), invalid JSON,
 * schema violation (zod `safeParse`), or the parsed value. The raw text always comes back with it.
 */
export function interpretStructured<T>(
  reply: ChatReply,
  method: WireMethod,
  schemaName: string,
  schema: z.ZodType<T>,
  inputSchema: JsonSchema,
): Interpreted<T> {
  const raw = rawStructuredText(reply, method, schemaName);
  if (reply.refusal) return { ok: false, kind: 'refusal', error: `the model refused: ${reply.refusal}`, raw };
  if (reply.finishReason === 'content_filter') return { ok: false, kind: 'refusal', error: 'the reply was stopped by the content filter', raw };
  if (raw.trim() === '') {
    return { ok: false, kind: 'empty', error: reply.finishReason === 'length' ? 'the reply is empty (token limit reached)' : 'the reply is empty', raw };
  }
  if (reply.finishReason === 'length') {
    return { ok: false, kind: 'truncated', error: 'the reply was cut off at the token limit (finish_reason: length)', raw };
  }
  const json = parseJsonText(raw);
  if (!json.ok) return { ok: false, kind: 'invalid-json', error: json.error, raw };
  const parsed = schema.safeParse(dropNullOptionals(json.value, inputSchema));
  if (!parsed.success) return { ok: false, kind: 'schema', error: describeIssues(parsed.error.issues), raw, ...(offTopLevel(json.value, inputSchema) ? { offSchema: true } : {}) };
  return { ok: true, value: parsed.data, raw };
}

/** The value is not an object, or lacks a field the schema requires at the top level. */
function offTopLevel(value: unknown, schema: JsonSchema): boolean {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return true;
  const required = (schema as { required?: unknown }).required;
  return Array.isArray(required) && required.some((k) => typeof k === 'string' && !(k in value));
}

/** A one-line summary of zod issues (first five), e.g. `items.2.category: Invalid option`. */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  const parts = issues.slice(0, 5).map((i) => `${i.path.length > 0 ? i.path.join('.') : '(root)'}: ${i.message}`);
  const more = issues.length > 5 ? ` (+${issues.length - 5} more)` : '';
  return `schema violation: ${parts.join('; ')}${more}`;
}
