import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../../fs/atomic-write.js';
import type { BatchInfo, BatchStatus } from './batch-client.js';

const BatchRecordSchema = z.object({
  id: z.string(),
  /** The endpoint (base URL without credentials) and model the batch was sent to. */
  endpoint: z.string(),
  model: z.string(),
  /** The pipeline stage(s) whose requests it holds. */
  stage: z.string(),
  status: z.string(),
  total: z.number().int(),
  completed: z.number().int(),
  failed: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** The `custom_id` of every line: how a re-run recognises requests it already submitted. */
  lines: z.array(z.string()),
  /** Every line's answer was handed to the run (and so to the cache): a later run asks anew instead of re-attaching. */
  collected: z.boolean().optional(),
});
export type BatchRecord = z.infer<typeof BatchRecordSchema>;

const RegistryFileSchema = z.object({ format: z.literal(1), batches: z.array(BatchRecordSchema) });

/** Records of finished batches are dropped after this long (the provider keeps their files 30 days). */
const KEEP_FINISHED_MS = 30 * 24 * 3600 * 1000;

/** The registry of the batches litrev started, shared by every run using this cache folder. */
export function registryPath(cacheDir: string): string {
  return path.join(cacheDir, 'batches.json');
}

const queues = new Map<string, Promise<unknown>>();

/** Run `fn` after every earlier update of `file` in this process (read-modify-write without lost updates). */
function serialized<T>(file: string, fn: () => Promise<T>): Promise<T> {
  const previous = queues.get(file) ?? Promise.resolve();
  const next = previous.then(fn, fn);
  queues.set(file, next.catch(() => undefined));
  return next;
}

/** Read a registry file; a missing file is empty, an unreadable one is reported by the caller. */
export async function readRegistry(file: string): Promise<BatchRecord[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const parsed = RegistryFileSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`${file}: not a litrev batch registry (${parsed.error.issues[0]?.message ?? 'invalid'})`);
  return parsed.data.batches;
}

async function writeRegistry(file: string, batches: BatchRecord[]): Promise<void> {
  await writeFileAtomic(file, `${JSON.stringify({ format: 1, batches }, null, 1)}\n`);
}

/**
 * Insert or update one record, in the cache's registry and (when given) in the run folder's copy.
 * Finished records older than 30 days are dropped on the way.
 */
export function saveRecord(files: string[], record: BatchRecord): Promise<void> {
  return Promise.all(
    files.map((file) =>
      serialized(file, async () => {
        const now = Date.now();
        const kept = (await readRegistry(file).catch(() => [])).filter(
          (r) => r.id !== record.id && !(isFinal(r.status) && now - Date.parse(r.updatedAt) > KEEP_FINISHED_MS),
        );
        await writeRegistry(file, [...kept, record]);
      }),
    ),
  ).then(() => undefined);
}

/** A record updated from a Batch object the provider returned. */
export function withInfo(record: BatchRecord, info: BatchInfo): BatchRecord {
  return { ...record, status: info.status, total: info.total, completed: info.completed, failed: info.failed, updatedAt: new Date().toISOString() };
}

export function isFinal(status: string): boolean {
  return (['failed', 'completed', 'expired', 'cancelled'] satisfies BatchStatus[] as string[]).includes(status);
}
