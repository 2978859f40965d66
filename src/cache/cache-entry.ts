import { z } from 'zod';
import { CACHE_FORMAT_VERSION } from './cache-key.js';

/** One tool call of a reply, as received (arguments are the raw text the model wrote). */
export const ToolCallSchema = z.object({ name: z.string(), arguments: z.string() });
export type ToolCall = z.infer<typeof ToolCallSchema>;

/** A chat reply, normalised: what the cache stores and replays. */
export const ChatReplySchema = z.object({
  content: z.string(),
  toolCalls: z.array(ToolCallSchema),
  /** `stop`, `length`, `tool_calls`, `content_filter`... null when the endpoint sent none. */
  finishReason: z.string().nullable(),
  refusal: z.string().nullable(),
});
export type ChatReply = z.infer<typeof ChatReplySchema>;

export const EntryUsageSchema = z.object({
  promptTokens: z.number().int().nonnegative(),
  completionTokens: z.number().int().nonnegative(),
  /** True when the endpoint reported no usage and the counts are estimates. */
  estimated: z.boolean().optional(),
});
export type EntryUsage = z.infer<typeof EntryUsageSchema>;

/**
 * One cache entry (one file). `request` holds exactly what the key was computed from, so
 * `litrev cache verify` can recompute it; it never holds headers or the API key.
 */
export const CacheEntrySchema = z.object({
  format: z.literal(CACHE_FORMAT_VERSION),
  key: z.string().regex(/^[0-9a-f]{64}$/),
  kind: z.enum(['chat', 'embedding']),
  createdAt: z.string(),
  /** Pipeline stage that first asked (informational, not part of the key). */
  stage: z.string(),
  request: z.object({
    endpoint: z.string(),
    body: z.record(z.string(), z.unknown()),
    sample: z.number().int().optional(),
  }),
  /** Chat entries: the reply as received. */
  reply: ChatReplySchema.optional(),
  /** Embedding entries: the vector. */
  embedding: z.array(z.number()).optional(),
  /** Structured requests: the value parsed when the entry was written (null when the reply did not parse). */
  parsed: z.unknown().optional(),
  usage: EntryUsageSchema,
  latencyMs: z.number().nonnegative(),
  /** Requests it took, retries included. */
  attempts: z.number().int().positive(),
  /** `sha256:…` of what the entry serves (see entry-integrity.ts); set by the cache when it writes the entry. */
  digest: z.string().regex(/^sha256:[0-9a-f]{64}$/).optional(),
});
export type CacheEntry = z.infer<typeof CacheEntrySchema>;

/** Check that a parsed file is a well-formed entry for `key`; a reason when it is not. */
export function validateEntry(data: unknown, key: string): { ok: true; entry: CacheEntry } | { ok: false; reason: string } {
  const parsed = CacheEntrySchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, reason: `not a cache entry (${issue ? `${issue.path.join('.') || 'root'}: ${issue.message}` : 'invalid'})` };
  }
  const entry = parsed.data;
  if (entry.key !== key) return { ok: false, reason: `entry key ${entry.key.slice(0, 12)}… does not match its file name` };
  if (entry.kind === 'chat' && !entry.reply) return { ok: false, reason: 'chat entry without a reply' };
  if (entry.kind === 'embedding' && !entry.embedding) return { ok: false, reason: 'embedding entry without a vector' };
  return { ok: true, entry };
}
