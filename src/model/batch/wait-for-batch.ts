import { sleep } from '../sleep.js';
import { FINAL_STATUSES, type BatchClient, type BatchInfo } from './batch-client.js';

export interface PollOptions {
  /** First wait between two polls; each next one waits 1.5 times longer, up to `maxMs`. */
  initialMs: number;
  maxMs: number;
  signal?: AbortSignal;
  /** Called with every Batch object polled whose status or counts changed. */
  onChange: (info: BatchInfo, etaMs: number | null) => void;
}

/** Poll a batch with backoff until it reaches a final status (completed, failed, expired, cancelled). */
export async function waitForBatch(client: BatchClient, id: string, options: PollOptions): Promise<BatchInfo> {
  let delay = options.initialMs;
  let last = '';
  for (;;) {
    const info = await client.retrieve(id);
    const seen = `${info.status}:${info.completed}:${info.failed}:${info.total}`;
    if (seen !== last) {
      options.onChange(info, etaOf(info, Date.now()));
      last = seen;
    }
    if (FINAL_STATUSES.has(info.status)) return info;
    await sleep(delay, options.signal);
    delay = Math.min(options.maxMs, Math.round(delay * 1.5));
  }
}

/** Milliseconds left at the pace of the lines answered so far; null before the first answer. */
export function etaOf(info: BatchInfo, now: number): number | null {
  if (FINAL_STATUSES.has(info.status)) return 0;
  const done = info.completed + info.failed;
  const started = info.inProgressAt ?? info.createdAt;
  if (done <= 0 || info.total <= 0 || now <= started) return null;
  return Math.round(((now - started) / done) * Math.max(0, info.total - done));
}
