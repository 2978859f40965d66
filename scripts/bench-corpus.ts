/**
 * A large, realistic corpus for the review benchmark: papers recombined from the example abstracts.
 *
 * Paper i keeps the opening sentences of one example abstract (its problem and method) and takes the
 * rest from another example paper (its results and claims), so every sentence, number and quote is
 * real text; its title joins the head of one example title to the tail of another. Seeded, so the
 * same N and seed give the same file; no two papers share a title or an abstract (checked the way
 * ingest's dedupe compares them), so ingest keeps all N.
 */
import { open } from 'node:fs/promises';
import type { Paper } from '../src/corpus/paper.js';
import { seededRandom } from '../src/offline/cluster/seeded-random.js';
import { splitSentences } from '../src/verify/sentence-split.js';

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

function combine(base: Source, donor: Source, rand: () => number): { title: string; abstract: string; year?: number } {
  const headWords = Math.max(2, Math.ceil(base.title.length * (0.4 + rand() * 0.3)));
  const tailFrom = Math.min(donor.title.length - 1, Math.floor(donor.title.length * (0.3 + rand() * 0.3)));
  const title = [...base.title.slice(0, headWords), ...donor.title.slice(tailFrom)].join(' ');
  const keep = 1 + Math.floor(rand() * (base.sentences.length - 1));
  const rest = donor.sentences.slice(1 + Math.floor(rand() * (donor.sentences.length - 1)));
  const abstract = [...base.sentences.slice(0, keep), ...rest].join(' ');
  return { title, abstract, ...(base.year !== undefined ? { year: base.year } : {}) };
}

/**
 * Write `n` recombined papers as JSONL to `file`. The first papers are the example papers themselves.
 * Returns how many were written (always `n` unless the examples cannot make that many distinct papers).
 */
export async function writeRecombinedCorpus(file: string, examples: readonly Paper[], n: number, seed: number): Promise<number> {
  const pool = sources(examples);
  const rand = seededRandom(seed);
  const titles = new Set<string>();
  const abstracts = new Set<string>();
  const handle = await open(file, 'w');
  let buffer = '';
  let written = 0;
  let attempts = 0;
  const push = (p: { title: string; abstract: string; year?: number }): void => {
    const t = normalise(p.title);
    const a = normalise(p.abstract);
    if (titles.has(t) || abstracts.has(a)) return;
    titles.add(t);
    abstracts.add(a);
    buffer += `${JSON.stringify(p)}\n`;
    written++;
  };
  for (const s of pool) if (written < n) push({ title: s.title.join(' '), abstract: s.sentences.join(' '), ...(s.year !== undefined ? { year: s.year } : {}) });
  while (written < n && attempts < n * 20) {
    attempts++;
    const base = pool[Math.floor(rand() * pool.length)]!;
    const donor = pool[Math.floor(rand() * pool.length)]!;
    if (base !== donor) push(combine(base, donor, rand));
    if (buffer.length > 1 << 20) {
      await handle.write(buffer);
      buffer = '';
    }
  }
  await handle.write(buffer);
  await handle.close();
  return written;
}
