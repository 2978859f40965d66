/**
 * `npm run bench:model-scaling [-- --sizes 200,400,800]`: does a review through a model cost
 * linearly in the papers? For each size, a corpus recombined from the example abstracts is reviewed
 * in-process through the real client against the local test server (fake reviewer, 50 ms latency,
 * concurrency 32, cache off), and the requests and prompt tokens per stage are printed, with the
 * ratio per paper against the smallest size (1.0 everywhere means linear).
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config/load.js';
import { corpusHash } from '../src/corpus/corpus-hash.js';
import { ingestPaths } from '../src/corpus/ingest.js';
import { prepareRun } from '../src/pipeline/prepare-run.js';
import { runReview } from '../src/pipeline/run-review.js';
import { fakeReviewer } from '../test/support/fake-reviewer.js';
import { startOpenAIServer } from '../test/support/openai-server.js';
import { writeRecombinedCorpus } from '../test/support/recombined-corpus.js';

const get = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const sizes = (get('sizes') ?? '200,400,800').split(',').map(Number);

interface Figures {
  requests: number;
  promptTokens: number;
  byStage: Record<string, { requests: number; promptTokens: number }>;
}

async function review(n: number, url: string, dir: string): Promise<Figures> {
  const examples = await ingestPaths([path.resolve('examples/corpus')]);
  const file = path.join(dir, `corpus-${n}.jsonl`);
  await writeRecombinedCorpus(file, examples.papers, n, 11);
  const papers = (await ingestPaths([file])).papers;
  const cwd = path.join(dir, String(n));
  await mkdir(cwd, { recursive: true });
  const config = loadConfig({ cwd, flags: { model: 'test-model', cache: 'off', concurrency: '32' }, env: { OPENAI_BASE_URL: url, LITREV_TIMEOUT_MS: '30000' } });
  const controller = new AbortController();
  const prepared = await prepareRun(config, { promptDir: null, model: 'test-model' }, { signal: controller.signal, outDir: path.join(cwd, 'out') });
  const byStage: Figures['byStage'] = {};
  for await (const event of runReview({ config, corpus: { papers, hash: corpusHash(papers) }, inputs: [file], ...prepared, signal: controller.signal })) {
    if (event.type !== 'model' || event.event.type !== 'request-finished') continue;
    const s = (byStage[event.event.stage] ??= { requests: 0, promptTokens: 0 });
    s.requests++;
    s.promptTokens += event.event.usage.promptTokens;
  }
  const all = Object.values(byStage);
  return { requests: all.reduce((a, s) => a + s.requests, 0), promptTokens: all.reduce((a, s) => a + s.promptTokens, 0), byStage };
}

const server = await startOpenAIServer({ latencyMs: 50, handler: fakeReviewer() });
const dir = await mkdtemp(path.join(os.tmpdir(), 'litrev-bench-scaling-'));
try {
  const results: [number, Figures][] = [];
  for (const n of sizes) results.push([n, await review(n, server.url, dir)]);
  const [n0, base] = results[0]!;
  console.log('papers  requests  prompt tokens  requests/paper  tokens/paper  (x smallest, per paper)');
  for (const [n, f] of results) {
    const rq = f.requests / n / (base.requests / n0);
    const tk = f.promptTokens / n / (base.promptTokens / n0);
    console.log(`${String(n).padStart(6)}  ${String(f.requests).padStart(8)}  ${String(f.promptTokens).padStart(13)}  ${(f.requests / n).toFixed(3).padStart(14)}  ${(f.promptTokens / n).toFixed(0).padStart(12)}  (${rq.toFixed(2)}, ${tk.toFixed(2)})`);
    console.log(`        ${Object.entries(f.byStage).map(([s, x]) => `${s}: ${x.requests} req, ${x.promptTokens} tok`).join('; ')}`);
  }
} finally {
  await server.close();
  await rm(dir, { recursive: true, force: true });
}
