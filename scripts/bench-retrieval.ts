/**
 * Retrieval benchmark: index build time and query latency over synthetic abstracts.
 *
 *   npm run bench:retrieval              # 100,000 abstracts, 300 queries
 *   npm run bench:retrieval -- 20000 500 # papers, queries
 *
 * The text is generated from a seeded Zipf-distributed vocabulary (so term frequencies look like
 * real prose) mixed with stop words. The build time is reported next to a baseline measured in the
 * same run: tokenising and stemming the same texts with the same analyzer, i.e. the part of indexing
 * that no inverted index can avoid.
 */
import { performance } from 'node:perf_hooks';
import type { Paper } from '../src/corpus/paper.js';
import { indexTerm, tokenize } from '../src/retrieval/analyze.js';
import { createRetriever } from '../src/retrieval/create-retriever.js';
import { seededRandom } from '../src/text/seeded-random.js';

const PAPERS = Number(process.argv[2] ?? 100_000);
const QUERIES = Number(process.argv[3] ?? 300);
const VOCABULARY = 30_000;
const ABSTRACT_WORDS = 160;
const TITLE_WORDS = 10;

/** Seeded, so every run indexes the same text. */
const random = seededRandom(42);
const SYLLABLES = ['ka', 'ro', 'ten', 'mi', 'sor', 'la', 'vex', 'dun', 'pi', 'quo', 'ran', 'tel', 'shi', 'bo', 'nar', 'gu', 'fel', 'tri'];
const STOP = ['the', 'of', 'and', 'a', 'to', 'in', 'we', 'is', 'for', 'that', 'with', 'on', 'by', 'this', 'as', 'are'];
const SUFFIXES = ['', 's', 'ing', 'ed', 'ation', 'er'];

function makeWord(i: number): string {
  let w = '';
  let n = i + 1;
  while (n > 0) {
    w += SYLLABLES[n % SYLLABLES.length];
    n = Math.floor(n / SYLLABLES.length);
  }
  return w;
}
const words = Array.from({ length: VOCABULARY }, (_, i) => makeWord(i));

/** Cumulative Zipf(s = 1.07) weights for sampling word ranks. */
const cumulative = (() => {
  const out = new Float64Array(VOCABULARY);
  let sum = 0;
  for (let r = 0; r < VOCABULARY; r++) {
    sum += 1 / Math.pow(r + 1, 1.07);
    out[r] = sum;
  }
  for (let r = 0; r < VOCABULARY; r++) out[r]! /= sum;
  return out;
})();
function sampleRank(): number {
  const x = random();
  let lo = 0;
  let hi = VOCABULARY - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
function sentence(n: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    if (random() < 0.35) out.push(STOP[Math.floor(random() * STOP.length)]!);
    else out.push(words[sampleRank()]! + SUFFIXES[Math.floor(random() * SUFFIXES.length)]!);
  }
  return out.join(' ');
}

function makePapers(n: number): Paper[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `p${i}`,
    key: `paper${i}`,
    title: sentence(TITLE_WORDS),
    titleDerived: false,
    abstract: `${sentence(ABSTRACT_WORDS / 4)}. ${sentence(ABSTRACT_WORDS / 4)}. ${sentence(ABSTRACT_WORDS / 2)}.`,
    authors: [],
    sources: [{ path: 'synthetic', format: 'text', index: i }],
  }));
}

function makeQueries(n: number): string[] {
  return Array.from({ length: n }, () => {
    const terms = 2 + Math.floor(random() * 5);
    // Topic words come from the middle of the distribution, plus one common word now and then.
    const picked = Array.from({ length: terms }, () => words[50 + Math.floor(random() * 5000)]!);
    if (random() < 0.5) picked.push(words[Math.floor(random() * 50)]!);
    return `what do papers say about ${picked.join(' ')}?`;
  });
}

function percentile(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, i)]!;
}
const ms = (x: number) => `${x.toFixed(x < 10 ? 2 : 0)} ms`;

async function main(): Promise<void> {
  const t0 = performance.now();
  const papers = makePapers(PAPERS);
  const queries = makeQueries(QUERIES);
  const genMs = performance.now() - t0;
  console.log(`papers: ${PAPERS.toLocaleString('en')}, queries: ${QUERIES}, generated in ${ms(genMs)}`);

  const b0 = performance.now();
  let tokens = 0;
  for (const p of papers) {
    for (const t of tokenize(`${p.title} ${p.abstract}`)) if (indexTerm(t) !== null) tokens++;
  }
  const baselineMs = performance.now() - b0;
  console.log(`baseline (tokenise + stem the same texts, ${tokens.toLocaleString('en')} terms): ${ms(baselineMs)}`);

  const heapBefore = process.memoryUsage().heapUsed;
  const i0 = performance.now();
  const retriever = createRetriever(papers);
  const buildMs = performance.now() - i0;
  const heapMB = (process.memoryUsage().heapUsed - heapBefore) / 1e6;
  console.log(`index build: ${ms(buildMs)} (${(buildMs / baselineMs).toFixed(2)}x the baseline; heap +${heapMB.toFixed(0)} MB) goal < 30000 ms`);

  for (const q of queries.slice(0, 10)) await retriever.search(q, 8); // warm-up
  const latencies: number[] = [];
  let hits = 0;
  for (const q of queries) {
    const s = performance.now();
    const found = await retriever.search(q, 8);
    latencies.push(performance.now() - s);
    hits += found.length;
  }
  latencies.sort((a, b) => a - b);
  const p95 = percentile(latencies, 95);
  console.log(
    `query latency (top 8): p50 ${ms(percentile(latencies, 50))}, p95 ${ms(p95)}, p99 ${ms(percentile(latencies, 99))}, ` +
      `max ${ms(latencies[latencies.length - 1]!)}; mean hits ${(hits / queries.length).toFixed(1)}; goal p95 < 50 ms`,
  );
  console.log(`goals: build ${buildMs < 30_000 ? 'met' : 'MISSED'}, p95 ${p95 < 50 ? 'met' : 'MISSED'}`);
}

await main();
