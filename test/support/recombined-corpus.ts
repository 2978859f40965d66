import { writeFile } from 'node:fs/promises';
import type { Paper } from '../../src/corpus/paper.js';
import { seededRandom } from '../../src/text/seeded-random.js';
import { splitSentences } from '../../src/verify/sentence-split.js';

/**
 * A large, realistic corpus made from a small one (the benchmark's and the large-corpus tests'):
 * paper i keeps the opening sentences of one example abstract (its problem and method) and takes the
 * rest from another example paper (its results and claims), so every sentence, number and quote is
 * real text; its title joins the head of one example title to the tail of another. The example papers
 * come first, as they are. Seeded: the same examples, n and seed give the same papers; no two share a
 * title or an abstract (compared the way ingest's dedupe compares them), so ingest keeps all of them.
 */
export interface RecombinedPaper {
  title: string;
  abstract: string;
  year?: number;
}

interface Source {
  title: string[];
  sentences: string[];
  year: number | undefined;
}

const normalise = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();

function sources(papers: readonly Paper[]): Source[] {
  return papers
    .filter((p) => !p.titleDerived)
    .map((p) => ({ title: p.title.split(/\s+/), sentences: splitSentences(p.abstract).map((s) => s.text), year: p.year }))
    .filter((s) => s.sentences.length >= 2 && s.title.length >= 3);
}

function combine(base: Source, donor: Source, rand: () => number): RecombinedPaper {
  const headWords = Math.max(2, Math.ceil(base.title.length * (0.4 + rand() * 0.3)));
  const tailFrom = Math.min(donor.title.length - 1, Math.floor(donor.title.length * (0.3 + rand() * 0.3)));
  const title = [...base.title.slice(0, headWords), ...donor.title.slice(tailFrom)].join(' ');
  const keep = 1 + Math.floor(rand() * (base.sentences.length - 1));
  const rest = donor.sentences.slice(1 + Math.floor(rand() * (donor.sentences.length - 1)));
  const abstract = [...base.sentences.slice(0, keep), ...rest].join(' ');
  return { title, abstract, ...(base.year !== undefined ? { year: base.year } : {}) };
}

/** Up to `n` distinct papers recombined from `examples` (fewer only if the examples cannot make that many). */
export function* recombinedPapers(examples: readonly Paper[], n: number, seed: number): Generator<RecombinedPaper> {
  const pool = sources(examples);
  const rand = seededRandom(seed);
  const titles = new Set<string>();
  const abstracts = new Set<string>();
  let written = 0;
  const fresh = (p: RecombinedPaper): boolean => {
    const t = normalise(p.title);
    const a = normalise(p.abstract);
    if (titles.has(t) || abstracts.has(a)) return false;
    titles.add(t);
    abstracts.add(a);
    written++;
    return true;
  };
  for (const s of pool) {
    const p = { title: s.title.join(' '), abstract: s.sentences.join(' '), ...(s.year !== undefined ? { year: s.year } : {}) };
    if (written < n && fresh(p)) yield p;
  }
  for (let attempts = 0; written < n && attempts < n * 20; attempts++) {
    const base = pool[Math.floor(rand() * pool.length)]!;
    const donor = pool[Math.floor(rand() * pool.length)]!;
    if (base === donor) continue;
    const p = combine(base, donor, rand);
    if (fresh(p)) yield p;
  }
}

/** Write recombined papers as JSONL; returns how many were written. */
export async function writeRecombinedCorpus(file: string, examples: readonly Paper[], n: number, seed: number): Promise<number> {
  const lines: string[] = [];
  for (const p of recombinedPapers(examples, n, seed)) lines.push(`${JSON.stringify(p)}\n`);
  await writeFile(file, lines.join(''));
  return lines.length;
}
