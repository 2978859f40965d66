/**
 * Ingestion benchmark: `npm run bench:ingest [-- --n 100000 --format jsonl|listing|csv|bibtex --dup 0.05]`.
 *
 * Writes a synthetic file of N abstracts (a share of them duplicates with changed casing / punctuation /
 * braces in the title) to a temp folder, ingests it in this process, and prints papers per second, peak
 * memory (RSS and sampled heap), and the ratio to a baseline measured in the same run: reading the file and
 * splitting it into lines. Goal (issue 2): under 20 s and under 1 GB for 100,000 abstracts on one core.
 */
import { mkdtemp, open, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ingestPaths } from '../src/corpus/ingest.js';
import { saveCorpus } from '../src/corpus/store.js';
import { seededRandom } from '../src/text/seeded-random.js';

type Format = 'jsonl' | 'listing' | 'csv' | 'bibtex';

interface Args {
  n: number;
  format: Format;
  dup: number;
  seed: number;
}

function parseArgs(argv: string[]): Args {
  const get = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const format = (get('format') ?? 'jsonl') as Format;
  if (!['jsonl', 'listing', 'csv', 'bibtex'].includes(format)) throw new Error(`--format must be jsonl, listing, csv or bibtex`);
  return { n: Number(get('n') ?? 100_000), format, dup: Number(get('dup') ?? 0.05), seed: Number(get('seed') ?? 42) };
}

interface Synthetic {
  title: string;
  abstract: string;
  authors: string[];
  year: number;
}

function makeGenerator(seed: number) {
  const rand = seededRandom(seed); // same seed, same data on every run
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const syllables = ['ka', 'lo', 'mi', 'tra', 'ver', 'son', 'qu', 'ent', 'dis', 'pho', 'gen', 'ral', 'tum', 'bel', 'cor', 'nix'];
  const vocab = Array.from({ length: 4000 }, () => Array.from({ length: 2 + Math.floor(rand() * 3) }, () => pick(syllables)).join(''));
  const common = ['the', 'of', 'and', 'a', 'to', 'in', 'we', 'model', 'models', 'learning', 'attention', 'data', 'results', 'show', 'that', 'our', 'method'];
  const surnames = Array.from({ length: 3000 }, () => pick(syllables) + pick(syllables) + pick(syllables));
  const word = () => (rand() < 0.35 ? pick(common) : pick(vocab));
  const cap = (w: string) => w[0]!.toUpperCase() + w.slice(1);
  const sentence = () => cap(Array.from({ length: 12 + Math.floor(rand() * 16) }, word).join(' ')) + '.';
  return (): Synthetic => ({
    title: Array.from({ length: 6 + Math.floor(rand() * 8) }, () => cap(pick(vocab))).join(' ') + (rand() < 0.3 ? `: ${cap(pick(vocab))} ${cap(pick(vocab))}` : ''),
    abstract: Array.from({ length: 5 + Math.floor(rand() * 5) }, sentence).join(' '),
    authors: Array.from({ length: 1 + Math.floor(rand() * 6) }, () => `${cap(pick(surnames))}, ${cap(pick(syllables))}`),
    year: 2015 + Math.floor(rand() * 11),
  });
}

/** The same paper as a careless export would write it again. */
function variant(p: Synthetic, k: number): Synthetic {
  const forms = [p.title.toLowerCase(), `{${p.title}}.`, p.title.toUpperCase(), p.title.replace(/ /g, '  ').replace(/:/g, ' -')];
  return { ...p, title: forms[k % forms.length]! };
}

function render(p: Synthetic, format: Format, i: number): string {
  switch (format) {
    case 'jsonl':
      return `${JSON.stringify({ title: p.title, abstract: p.abstract, authors: p.authors, year: p.year })}\n`;
    case 'listing':
      return `${p.title}\n\n${p.abstract}\n\n  • ${p.authors.length} authors\n·\nMar ${1 + (i % 28)}, ${p.year} ${i % 7}\n\n`;
    case 'csv':
      return `"${p.title.replace(/"/g, '""')}","${p.abstract.replace(/"/g, '""')}","${p.authors.join('; ')}",${p.year}\n`;
    case 'bibtex':
      return `@article{k${i},\n  title = {${p.title}},\n  author = {${p.authors.join(' and ')}},\n  year = {${p.year}},\n  abstract = {${p.abstract}},\n}\n\n`;
  }
}

async function writeCorpus(file: string, args: Args): Promise<{ unique: number; duplicates: number }> {
  const next = makeGenerator(args.seed);
  const rand = seededRandom(args.seed + 1);
  const handle = await open(file, 'w');
  const head = { jsonl: '', csv: 'title,abstract,authors,year\n', bibtex: '', listing: 'new\n\nGet trending papers in your email inbox!\n\nSubscribe\n\nDaily Papers\n\nMar 20\n\n' }[args.format];
  let buffer = head;
  const earlier: Synthetic[] = [];
  let duplicates = 0;
  for (let i = 0; i < args.n; i++) {
    let p: Synthetic;
    if (earlier.length > 100 && rand() < args.dup) {
      p = variant(earlier[Math.floor(rand() * earlier.length)]!, i);
      duplicates++;
    } else {
      p = next();
      if (earlier.length < 20_000) earlier.push(p);
    }
    buffer += render(p, args.format, i);
    if (buffer.length > 1 << 20) {
      await handle.write(buffer);
      buffer = '';
    }
  }
  await handle.write(buffer);
  await handle.close();
  return { unique: args.n - duplicates, duplicates };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const dir = await mkdtemp(path.join(os.tmpdir(), 'litrev-bench-'));
  try {
    const file = path.join(dir, `synthetic.${args.format === 'listing' ? 'txt' : args.format === 'bibtex' ? 'bib' : args.format}`);
    const expected = await writeCorpus(file, args);
    const bytes = (await readFile(file)).length;
    console.log(`synthetic ${args.format}: ${args.n.toLocaleString('en')} abstracts (${expected.duplicates.toLocaleString('en')} duplicates), ${(bytes / 1e6).toFixed(1)} MB`);

    const b0 = performance.now();
    const lines = (await readFile(file, 'utf8')).split('\n').length;
    const baselineMs = performance.now() - b0;

    let peakHeap = process.memoryUsage().heapUsed;
    const sampler = setInterval(() => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed)), 10);
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const report = await ingestPaths([file]);
    const ingestMs = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
    clearInterval(sampler);
    const ingestRss = process.resourceUsage().maxRSS * 1024;

    const s0 = performance.now();
    await saveCorpus(path.join(dir, 'workspace'), report);
    const storeMs = performance.now() - s0;
    const storeRss = process.resourceUsage().maxRSS * 1024;

    const seconds = ingestMs / 1000;
    const ok = report.papers.length === expected.unique && report.duplicates === expected.duplicates;
    console.log(`baseline (read + split into ${lines.toLocaleString('en')} lines): ${baselineMs.toFixed(0)} ms`);
    console.log(`ingest: ${report.records.toLocaleString('en')} records -> ${report.papers.length.toLocaleString('en')} papers, ${report.duplicates.toLocaleString('en')} duplicates (${ok ? 'as generated' : `EXPECTED ${expected.unique} papers`})`);
    console.log(`ingest time: ${seconds.toFixed(2)} s = ${Math.round(report.records / seconds).toLocaleString('en')} papers/s; ${(ingestMs / baselineMs).toFixed(1)}x the baseline`);
    console.log(`ingest CPU time: ${cpuSeconds.toFixed(2)} s (user + system; wall time above also counts waiting for a busy machine)`);
    console.log(`peak memory of the process up to the end of ingest: RSS ${(ingestRss / 2 ** 20).toFixed(0)} MiB, heap ${(peakHeap / 2 ** 20).toFixed(0)} MiB (sampled)`);
    console.log(`store (corpus.json): ${(storeMs / 1000).toFixed(2)} s, peak RSS then ${(storeRss / 2 ** 20).toFixed(0)} MiB`);
    const pass = seconds < 20 && ingestRss < 2 ** 30;
    console.log(`goal (< 20 s, < 1 GiB on one core): ${pass ? 'met' : 'NOT met'}; cores available ${os.availableParallelism()}, ingest runs on one`);
    if (!ok || !pass) process.exitCode = 1;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
