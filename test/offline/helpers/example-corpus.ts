import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Paper } from '../../../src/corpus/paper.js';

/**
 * A tiny test-only loader for the scraped listing pages in examples/corpus (the real ingest lives in
 * src/corpus). A line of 200+ characters is an abstract; the closest preceding short line that is not
 * page furniture is its title. Keys and ids are generated from the title and the position.
 */
const ROOT = path.resolve(__dirname, '../../../examples/corpus');
const NOISE = /^(new|subscribe|daily papers|·|get trending papers.*|byak and the research community|\s*•\s*\d+ authors?)$/i;
const DATE = /^([A-Z][a-z]{2}) (\d{1,2})(?:, (\d{4}))?(?:\s+\d+)?$/;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function exampleCorpusFiles(): string[] {
  return readdirSync(ROOT).filter((f) => f.endsWith('.txt')).sort().map((f) => path.join(ROOT, f));
}

function keyFor(title: string, n: number, used: Set<string>): string {
  const word = (title.toLowerCase().match(/[a-z][a-z0-9]+/g) ?? ['paper']).find((w) => w.length > 3) ?? 'paper';
  let key = `${word.slice(0, 12)}${n}`;
  while (used.has(key)) key += 'a';
  used.add(key);
  return key;
}

/** Papers of one listing file (or of every file when none is given), numbered from `start`. */
export function loadExamplePapers(files: string[] = exampleCorpusFiles()): Paper[] {
  const papers: Paper[] = [];
  const used = new Set<string>();
  const seen = new Set<string>();
  for (const file of files) {
    const lines = readFileSync(file, 'utf8').split(/\r?\n/).map((l) => l.replace(/^Subscribe(?=\S)/, ''));
    let title: string | undefined;
    let pending: Paper | undefined;
    for (const raw of lines) {
      const line = raw.trim();
      if (line === '' || NOISE.test(line)) continue;
      const date = DATE.exec(line);
      if (date && pending && date[3]) {
        const month = String(MONTHS.indexOf(date[1]!) + 1).padStart(2, '0');
        pending.year = Number(date[3]);
        pending.date = `${date[3]}-${month}`;
        continue;
      }
      if (date) continue;
      if (line.length < 200 && !line.startsWith('Abstract:')) {
        title = line;
        continue;
      }
      const abstract = line.replace(/^Abstract:\s*/, '');
      const derived = title === undefined;
      const t = title ?? abstract.split(/(?<=\.)\s/)[0]!.slice(0, 120);
      title = undefined;
      if (seen.has(t.toLowerCase())) continue;
      seen.add(t.toLowerCase());
      const n = papers.length + 1;
      pending = {
        id: `p${String(n).padStart(3, '0')}`,
        key: keyFor(t, n, used),
        title: t,
        titleDerived: derived,
        abstract,
        authors: [],
        sources: [{ path: file, format: 'listing', index: n - 1 }],
      };
      papers.push(pending);
    }
  }
  return papers;
}

/** The ~183 papers of examples/corpus/001_*.txt. */
export function load001(): Paper[] {
  const file = exampleCorpusFiles().find((f) => path.basename(f).startsWith('001_'));
  if (!file) throw new Error('examples/corpus/001_*.txt not found');
  return loadExamplePapers([file]);
}

/** A small hand-written paper. */
export function makePaper(n: number, title: string, abstract: string, extra: Partial<Paper> = {}): Paper {
  return {
    id: `h${n}`,
    key: `paper${n}`,
    title,
    titleDerived: false,
    abstract,
    authors: [],
    sources: [{ path: 'test.txt', format: 'text', index: n }],
    ...extra,
  };
}
