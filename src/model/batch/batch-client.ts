import type OpenAI from 'openai';
import { createModelFetch, RedirectRefusedError } from '../model-fetch.js';
import { BATCH_ENDPOINT } from './batch-line.js';
import { readResultLines } from './batch-lines-reader.js';

export type BatchStatus = 'validating' | 'failed' | 'in_progress' | 'finalizing' | 'completed' | 'expired' | 'cancelling' | 'cancelled';

/** The statuses after which a batch changes no more. */
export const FINAL_STATUSES: ReadonlySet<BatchStatus> = new Set(['failed', 'completed', 'expired', 'cancelled']);

/** What litrev needs of a Batch object. */
export interface BatchInfo {
  id: string;
  status: BatchStatus;
  total: number;
  completed: number;
  failed: number;
  outputFileId: string | null;
  errorFileId: string | null;
  /** Unix ms. */
  createdAt: number;
  inProgressAt: number | null;
  /** Why a batch failed as a whole (validation errors). */
  errors: string[];
  metadata: Record<string, string>;
}

export interface BatchClientOptions {
  baseURL: string;
  apiKey: string;
  timeoutMs: number;
  /** Retries of one control call (upload, create, poll, download) on 429, 5xx and dropped connections. */
  maxRetries: number;
}

/** The Files and Batch APIs through the `openai` SDK. */
export interface BatchClient {
  /** Upload a JSONL input file (purpose `batch`) and start a batch over it (24 h window). */
  submit(jsonl: string, filename: string, metadata: Record<string, string>): Promise<BatchInfo>;
  retrieve(id: string): Promise<BatchInfo>;
  cancel(id: string): Promise<BatchInfo>;
  /** An output or error file, line by line (streamed; lines beyond the bound are left out and counted). */
  download(fileId: string, onLine: (line: string) => void): Promise<{ tooLong: number }>;
}

/** Longest a result file may take to download (a 24 h batch's output may be hundreds of megabytes). */
const DOWNLOAD_DEADLINE_MS = 30 * 60_000;

/**
 * The Files and Batch API calls go through litrev's own fetch, as every synchronous request does: deadlines on the
 * whole exchange and on silences, same-origin redirects only (another origin is refused, never followed), and result
 * files read as a stream, line by line, with a bound on each line.
 */
export async function createBatchClient(options: BatchClientOptions): Promise<BatchClient> {
  const { default: OpenAIClass, toFile } = await import('openai');
  const idleTimeoutMs = Math.min(options.timeoutMs, 60_000);
  const control = createModelFetch({ timeoutMs: options.timeoutMs, idleTimeoutMs });
  const files = createModelFetch({ timeoutMs: Math.max(options.timeoutMs, DOWNLOAD_DEADLINE_MS), idleTimeoutMs });
  const sdk = (fetch: typeof globalThis.fetch, timeout: number) =>
    new OpenAIClass({ apiKey: options.apiKey, baseURL: options.baseURL, maxRetries: options.maxRetries, timeout: timeout + 1000, fetch, logLevel: 'off' });
  const client = sdk(control, options.timeoutMs);
  // Downloads are retried here, not by the SDK: a refused redirect is final, not a dropped connection to try again.
  const downloads = new OpenAIClass({ apiKey: options.apiKey, baseURL: options.baseURL, maxRetries: 0, timeout: Math.max(options.timeoutMs, DOWNLOAD_DEADLINE_MS) + 1000, fetch: files, logLevel: 'off' });
  return {
    async submit(jsonl, filename, metadata) {
      const file = await client.files.create({ file: await toFile(Buffer.from(jsonl, 'utf8'), filename, { type: 'application/jsonl' }), purpose: 'batch' });
      return infoOf(await client.batches.create({ input_file_id: file.id, endpoint: BATCH_ENDPOINT, completion_window: '24h', metadata }));
    },
    async retrieve(id) {
      return infoOf(await client.batches.retrieve(id));
    },
    async cancel(id) {
      return infoOf(await client.batches.cancel(id));
    },
    async download(fileId, onLine) {
      for (let attempt = 0; ; attempt++) {
        try {
          // A retry hands on lines already seen again: the caller keeps results by custom_id, so that is harmless.
          return await readResultLines(await downloads.files.content(fileId), onLine);
        } catch (err) {
          if (attempt >= options.maxRetries || refusedRedirect(err) || !retriable(err)) throw err;
          await new Promise((resolve) => setTimeout(resolve, Math.min(30_000, 500 * 2 ** attempt)));
        }
      }
    },
  };
}

/** A redirect to another origin somewhere in the error's causes: never worth another try. */
function refusedRedirect(err: unknown): boolean {
  for (let cur = err, i = 0; i < 6 && cur && typeof cur === 'object'; i++, cur = (cur as { cause?: unknown }).cause) {
    if (cur instanceof RedirectRefusedError) return true;
  }
  return false;
}

/** 408, 409, 429, 5xx and errors with no status (dropped connections, deadlines) are tried again. */
function retriable(err: unknown): boolean {
  const status = (err as { status?: unknown }).status;
  return typeof status !== 'number' || status === 408 || status === 409 || status === 429 || status >= 500;
}

function infoOf(b: OpenAI.Batches.Batch): BatchInfo {
  const counts = b.request_counts ?? { total: 0, completed: 0, failed: 0 };
  return {
    id: b.id,
    status: b.status,
    total: counts.total,
    completed: counts.completed,
    failed: counts.failed,
    outputFileId: b.output_file_id ?? null,
    errorFileId: b.error_file_id ?? null,
    createdAt: b.created_at * 1000,
    inProgressAt: b.in_progress_at ? b.in_progress_at * 1000 : null,
    errors: (b.errors?.data ?? []).map((e) => [e.line ? `line ${e.line}` : null, e.code, e.message].filter(Boolean).join(': ')),
    metadata: (b.metadata as Record<string, string> | null | undefined) ?? {},
  };
}
