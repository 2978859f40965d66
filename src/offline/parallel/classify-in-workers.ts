import type { Worker } from 'node:worker_threads';
import { AbortedError, errorMessage } from '../../errors.js';
import type { Annotation } from '../../review/annotation.js';
import type { StepProgress } from '../../review/cooperative-loop.js';
import type { ClassifyInput } from '../classify.js';
import type { ClassifyReply, ClassifyRequest } from './classify-messages.js';
import { startWorker } from './start-worker.js';

export interface ParallelOptions {
  /** Worker threads to use (each gets a contiguous shard of the papers). */
  workers: number;
  signal?: AbortSignal;
  /** Progress in steps, as the single-threaded path counts them: one per paper counted, one per paper annotated. */
  progress?: (p: StepProgress) => void;
}

/**
 * Offline classify on worker threads, for large corpora: the papers are cut into one contiguous shard
 * per worker; each worker counts its shard's phrases, the main thread adds the counts up, and each
 * worker annotates its shard with the corpus-wide counts. The result is the single-threaded one, in
 * the papers' order. The main thread stays free (progress, signals); an abort terminates the workers.
 */
export async function classifyInWorkers(papers: readonly ClassifyInput[], options: ParallelOptions): Promise<Annotation[]> {
  const interrupted = (): AbortedError => new AbortedError('classify interrupted');
  if (options.signal?.aborted) throw interrupted();
  const n = papers.length;
  const count = Math.max(1, Math.min(options.workers, n));
  const shards = Array.from({ length: count }, (_, w) => papers.slice(Math.floor((w * n) / count), Math.floor(((w + 1) * n) / count)));
  const done = new Array<number>(count).fill(0);
  const report = (): void => options.progress?.({ done: done.reduce((a, b) => a + b, 0), total: 2 * n });
  const workers = shards.map(() => startWorker('classify-worker'));
  let failure: ((err: unknown) => void) | undefined;
  const failed = new Promise<never>((_, reject) => {
    failure = reject;
  });
  failed.catch(() => undefined);
  const onAbort = (): void => failure!(interrupted());
  options.signal?.addEventListener('abort', onAbort, { once: true });
  workers.forEach((worker, w) => {
    worker.on('error', (err) => failure!(new Error(`classify worker ${w + 1} failed: ${errorMessage(err)}`)));
    worker.on('exit', (code) => failure!(new Error(`classify worker ${w + 1} stopped (exit code ${code})`)));
    worker.on('message', (m: ClassifyReply) => {
      if (m.type !== 'progress') return;
      done[w] = m.done;
      report();
    });
  });
  try {
    const partial = await Promise.race([Promise.all(workers.map((worker, w) => ask(worker, { type: 'count', papers: shards[w]! }, 'counted'))), failed]);
    const df = sharedCounts(partial.map((r) => r.df));
    const annotated = await Promise.race([Promise.all(workers.map((worker) => ask(worker, { type: 'annotate', df, corpusSize: n }, 'annotated'))), failed]);
    shards.forEach((shard, w) => (done[w] = 2 * shard.length));
    report();
    return annotated.flatMap((r) => r.annotations);
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    for (const worker of workers) worker.removeAllListeners('exit');
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}

/** Send a request and wait for the worker's reply of the given type. */
function ask<T extends ClassifyReply['type']>(worker: Worker, request: ClassifyRequest, type: T): Promise<Extract<ClassifyReply, { type: T }>> {
  return new Promise((resolve) => {
    const listen = (m: ClassifyReply): void => {
      if (m.type !== type) return;
      worker.off('message', listen);
      resolve(m as Extract<ClassifyReply, { type: T }>);
    };
    worker.on('message', listen);
    worker.postMessage(request);
  });
}

/**
 * The corpus-wide document frequencies, summed over the shards. A phrase in one paper only is left
 * out: the annotator reads a missing phrase as a frequency of 1, so the result is the same and the
 * table sent to every worker is a third of the size.
 */
function sharedCounts(parts: Map<string, number>[]): Map<string, number> {
  const total = new Map<string, number>();
  for (const part of parts) for (const [k, c] of part) total.set(k, (total.get(k) ?? 0) + c);
  for (const [k, c] of total) if (c < 2) total.delete(k);
  return total;
}
