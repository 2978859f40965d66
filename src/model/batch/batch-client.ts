import type OpenAI from 'openai';
import { BATCH_ENDPOINT } from './batch-line.js';

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
  /** The text of an output or error file. */
  download(fileId: string): Promise<string>;
}

export async function createBatchClient(options: BatchClientOptions): Promise<BatchClient> {
  const { default: OpenAIClass, toFile } = await import('openai');
  const client = new OpenAIClass({ apiKey: options.apiKey, baseURL: options.baseURL, maxRetries: options.maxRetries, timeout: options.timeoutMs });
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
    async download(fileId) {
      const res = await client.files.content(fileId);
      return res.text();
    },
  };
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
