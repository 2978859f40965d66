import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Paper } from '../../src/corpus/paper.js';
import { ingestPaths } from '../../src/corpus/ingest.js';
import { AbortedError } from '../../src/errors.js';
import { classifyOffline } from '../../src/offline/classify.js';
import { classifyInWorkers } from '../../src/offline/parallel/classify-in-workers.js';
import { createOfflineEngine } from '../../src/pipeline/engines/offline-engine.js';
import type { Annotation } from '../../src/review/annotation.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const builtPool = path.resolve(here, '../../dist/offline/parallel/classify-in-workers.js');

let papers: Paper[];
let single: Annotation[];

beforeAll(async () => {
  ({ papers } = await ingestPaths([path.resolve(here, '../../examples/corpus')]));
  single = classifyOffline(papers);
});

describe('classify on worker threads', () => {
  it('gives the single-threaded annotations, in the papers order, for two and three shards', async () => {
    for (const workers of [2, 3]) {
      const seen: number[] = [];
      const annotations = await classifyInWorkers(papers, { workers, progress: (p) => seen.push(p.done / p.total) });
      expect(annotations.map((a) => a.paperId)).toEqual(papers.map((p) => p.id));
      expect(annotations).toEqual(single);
      expect(seen.at(-1)).toBe(1);
      expect(seen).toEqual([...seen].sort((a, b) => a - b));
    }
  });

  it('counts phrases over the whole corpus, not per shard (a phrase split across shards is still shared)', async () => {
    // One paper per shard: every frequency a worker sees alone is 1; only the sum makes a phrase shared.
    const few = papers.slice(0, 4);
    expect(await classifyInWorkers(few, { workers: 4 })).toEqual(classifyOffline(few));
  });

  it('stops its workers and throws AbortedError when the signal aborts', async () => {
    const controller = new AbortController();
    const run = classifyInWorkers(papers, { workers: 2, signal: controller.signal, progress: () => controller.abort() });
    await expect(run).rejects.toBeInstanceOf(AbortedError);
    const already = new AbortController();
    already.abort();
    await expect(classifyInWorkers(papers, { workers: 2, signal: already.signal })).rejects.toThrow('classify interrupted');
  });

  it('is what the offline engine uses from its threshold on, reporting progress in papers', async () => {
    const progress: [number, number][] = [];
    const ctx = { signal: new AbortController().signal, progress: (d: number, t: number) => progress.push([d, t]), paperFailed: () => undefined, warn: () => undefined };
    const threaded = createOfflineEngine({ workers: 2, parallelMinPapers: 100 });
    expect(await threaded.classify(papers, ctx)).toEqual(single);
    expect(progress.at(-1)).toEqual([papers.length, papers.length]);
    expect(progress.every(([d, t]) => t === papers.length && d <= t)).toBe(true);
  });

  it.skipIf(!existsSync(builtPool))('runs the built worker (dist/) without tsx, with the same result', async () => {
    const built = (await import(builtPool)) as typeof import('../../src/offline/parallel/classify-in-workers.js');
    expect(await built.classifyInWorkers(papers, { workers: 2 })).toEqual(single);
  });
});
