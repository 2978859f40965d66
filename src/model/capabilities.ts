import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../fs/atomic-write.js';

/** The file in the cache folder that remembers what each endpoint + model supports. */
export const CAPABILITIES_FILE = 'capabilities.json';

const MethodSchema = z.enum(['json_schema', 'function_calling', 'json_mode']);

export const CapabilityRecordSchema = z.object({
  /** The structured-output method runs should use. */
  method: MethodSchema,
  /** What was probed or observed: true works, false rejected; absent when unknown. */
  methods: z.record(z.string(), z.boolean()).default({}),
  streaming: z.boolean().optional(),
  embeddings: z.boolean().optional(),
  /** Request parameters the endpoint accepts (learned from 400s): which output-limit field, temperature, seed. */
  params: z
    .object({ tokensField: z.enum(['max_tokens', 'max_completion_tokens']), temperature: z.boolean(), seed: z.boolean() })
    .optional(),
  /** Request shapes (kind, fields sent, method) the endpoint accepted: a run sends them without a probe first. */
  accepted: z.array(z.string()).optional(),
  /** Limits published by the server or learned from its replies (configuration overrides them). */
  limits: z
    .object({
      contextWindow: z.number().int().positive().nullable(),
      contextSource: z.enum(['published', 'learned']).nullable(),
      maxOutputTokens: z.number().int().positive().nullable(),
      outputSource: z.enum(['published', 'learned']).nullable(),
      tokenRatio: z.number().positive(),
    })
    .optional(),
  checkedAt: z.string(),
  /** `doctor` (probed) or `run` (learned from a fallback during a run). */
  source: z.enum(['doctor', 'run']),
});
export type CapabilityRecord = z.infer<typeof CapabilityRecordSchema>;

const FileSchema = z.object({ version: z.literal(1), endpoints: z.record(z.string(), CapabilityRecordSchema) });

function capabilityId(endpoint: string, model: string): string {
  return `${endpoint} ${model}`;
}

/** What is remembered for `endpoint` + `model`, or null (missing or unreadable file: just unknown). */
export async function readCapability(cacheDir: string, endpoint: string, model: string): Promise<CapabilityRecord | null> {
  const all = await readAll(cacheDir);
  return all[capabilityId(endpoint, model)] ?? null;
}

/** Remember what works for `endpoint` + `model` (atomic read-modify-write; the last writer wins). */
export async function writeCapability(cacheDir: string, endpoint: string, model: string, record: CapabilityRecord): Promise<string> {
  const file = path.join(cacheDir, CAPABILITIES_FILE);
  const all = await readAll(cacheDir);
  all[capabilityId(endpoint, model)] = record;
  await writeFileAtomic(file, `${JSON.stringify({ version: 1, endpoints: all }, null, 2)}\n`);
  return file;
}

async function readAll(cacheDir: string): Promise<Record<string, CapabilityRecord>> {
  let text: string;
  try {
    text = await readFile(path.join(cacheDir, CAPABILITIES_FILE), 'utf8');
  } catch {
    return {};
  }
  try {
    const parsed = FileSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data.endpoints : {};
  } catch {
    return {};
  }
}
