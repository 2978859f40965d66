import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Claim } from '../../src/review/annotation.js';
import type { VerificationSummary } from '../../src/verify/verification-summary.js';
import type { RunManifest } from '../../src/runs/manifest.js';

/** A paper of a synthetic run: only what the tests vary. */
export interface FixturePaper {
  id: string;
  category: string;
  contributionType?: string;
  claims?: { text?: string; quote: string }[];
  status?: 'ok' | 'failed';
}

export interface FixtureRun {
  runId: string;
  createdAt?: string;
  papers: FixturePaper[];
  /** review.md text (default: a two-section review citing every paper). */
  review?: string;
  verification?: Partial<VerificationSummary>;
  prompts?: Record<string, string>;
  model?: string;
  calls?: number;
  cacheHits?: number;
  tokens?: { prompt: number; completion: number };
  costUSD?: number | null;
  stages?: RunManifest['stages'];
  /** Write `categoryId` on each papers.jsonl line (default true). */
  withCategoryIds?: boolean;
}

const created: string[] = [];

/** A fresh temporary folder, removed by `removeTempDirs`. */
export async function tempDir(prefix = 'litrev-h5-runs-'): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  created.push(dir);
  return dir;
}

/** Remove every folder made by `tempDir` in this test file (call from afterAll). */
export async function removeTempDirs(): Promise<void> {
  await Promise.all(created.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}

export function claim(quote: string, text = quote.slice(0, 20)): Claim {
  return { text, quote, quantitative: false, metric: null, value: null, baseline: null };
}

export const VERIFICATION: VerificationSummary = {
  citations: 10,
  danglingRemoved: 0,
  numbersChecked: 4,
  numbersUnsupported: 1,
  quotesChecked: 6,
  quotesNotVerbatim: 0,
};

/** Category name -> id, as a review would slug it. */
export function categoryId(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
}

/** Write a complete synthetic run folder (run.json, papers.jsonl, taxonomy.json, verification.json, review.md). */
export async function writeRun(dir: string, run: FixtureRun): Promise<string> {
  await mkdir(dir, { recursive: true });
  const papers = run.papers.map((p) => ({
    id: p.id,
    key: `key-${p.id}`,
    title: `Title of ${p.id}`,
    category: p.status === 'failed' ? null : p.category,
    ...(run.withCategoryIds === false || p.status === 'failed' ? {} : { categoryId: categoryId(p.category) }),
    contributionType: p.status === 'failed' ? null : (p.contributionType ?? 'method'),
    methodFamily: 'family',
    methodSummary: 'summary',
    claims: (p.claims ?? []).map((c) => claim(c.quote, c.text)),
    status: p.status ?? 'ok',
    ...(p.status === 'failed' ? { error: 'schema' } : {}),
  }));
  const names = [...new Set(run.papers.filter((p) => p.status !== 'failed').map((p) => p.category))];
  const taxonomy = {
    source: 'induced',
    categories: names.map((name) => ({
      id: categoryId(name),
      name,
      definition: `Papers about ${name}.`,
      paperIds: run.papers.filter((p) => p.category === name && p.status !== 'failed').map((p) => p.id),
      keys: run.papers.filter((p) => p.category === name && p.status !== 'failed').map((p) => `key-${p.id}`),
    })),
  };
  const verification = { ...VERIFICATION, ...run.verification };
  const failed = papers.filter((p) => p.status === 'failed').length;
  const prompts = Object.fromEntries(
    Object.entries(run.prompts ?? { classify: 'a'.repeat(64), synthesize: 'b'.repeat(64) }).map(([name, hash]) => [
      name,
      { version: '1', hash, path: `prompts/${name}.md` },
    ]),
  );
  const manifest: RunManifest = {
    formatVersion: 1,
    runId: run.runId,
    createdAt: run.createdAt ?? '2026-11-01T10:00:00.000Z',
    finishedAt: run.createdAt ?? '2026-11-01T10:00:05.000Z',
    durationMs: 5000,
    litrevVersion: '0.1.0',
    engine: 'model',
    engineReason: 'model endpoint http://127.0.0.1:1/v1',
    model: run.model ?? 'test-model',
    endpoint: 'http://127.0.0.1:1/v1',
    structuredMethod: 'json_schema',
    corpusHash: 'c'.repeat(64),
    inputs: ['corpus'],
    options: {
      topic: null,
      batchSize: 4,
      concurrency: 8,
      temperature: 0,
      seed: null,
      repeat: 1,
      taxonomyFile: null,
      cacheMode: 'readwrite',
      promptDir: null,
      maxCost: null,
    },
    prompts,
    counts: {
      papers: papers.length,
      annotated: papers.length - failed,
      failed,
      categories: names.length,
      calls: run.calls ?? 6,
      cacheHits: run.cacheHits ?? 0,
      retries: 0,
    },
    tokens: run.tokens ?? { prompt: 1000, completion: 200 },
    costUSD: run.costUSD === undefined ? 0.0012 : run.costUSD,
    stages: run.stages ?? {
      classify: { calls: 3, cacheHits: 0, promptTokens: 600, completionTokens: 120, cacheKeys: ['k1', 'k2', 'k3'] },
      synthesize: { calls: 3, cacheHits: 0, promptTokens: 400, completionTokens: 80, cacheKeys: ['k4', 'k5', 'k6'] },
    },
    verification,
    files: ['review.md', 'papers.jsonl', 'taxonomy.json', 'verification.json', 'run.json'],
    status: failed > 0 ? 'failed-items' : 'ok',
  };
  const review = run.review ?? defaultReview(run.papers);
  await writeFile(path.join(dir, 'papers.jsonl'), papers.map((p) => JSON.stringify(p)).join('\n') + '\n');
  await writeFile(path.join(dir, 'taxonomy.json'), JSON.stringify(taxonomy, null, 2));
  await writeFile(path.join(dir, 'verification.json'), JSON.stringify({ summary: verification, dangling: [], numbers: [], quotes: [] }));
  await writeFile(path.join(dir, 'review.md'), review);
  await writeFile(path.join(dir, 'run.json'), JSON.stringify(manifest, null, 2));
  return dir;
}

function defaultReview(papers: FixturePaper[]): string {
  const cited = papers.map((p) => `[@key-${p.id}]`).join(' ');
  return `# A review\n\nOverview text.\n\n## Methods\n\nAll papers ${cited}.\n\n## Open problems\n\nMany.\n`;
}

/** Ten papers in three categories, every one with a claim. */
export function basePapers(): FixturePaper[] {
  const cats = ['Pruning', 'Pruning', 'Pruning', 'Quantisation', 'Quantisation', 'Quantisation', 'Quantisation', 'Distillation', 'Distillation', 'Distillation'];
  return cats.map((category, i) => ({
    id: `p${i + 1}`,
    category,
    contributionType: i % 3 === 0 ? 'benchmark-or-dataset' : 'method',
    claims: [{ quote: `Paper ${i + 1} improves accuracy by ${i + 1}%.` }],
  }));
}
