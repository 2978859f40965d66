import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Paper } from '../corpus/paper.js';
import { buildPostings, type Postings } from '../query/corpus-table.js';
import type { PaperNotes } from '../retrieval/types.js';

/**
 * The corpus table's inverted index of the stored corpus, kept on disk next to it (`<workspace>/qa-index/`) so
 * that `ask` and `chat` over a large corpus do not analyse every abstract again: its terms as JSON and their
 * postings as one Uint32 array, read back as views without parsing a number. Named by the corpus hash and the
 * review run, so a changed corpus or a new review invalidates it; older files are removed on write. (A
 * serialised MiniSearch index was measured too: at 100,000 papers reading it back took 2 GB, so large corpora
 * rank lookups over candidates from these postings instead: see candidate-retriever.ts.)
 */
const DIR = 'qa-index';
const VERSION = 1;

export interface StoredIndexes {
  postings: Postings;
  /** Whether the postings came from disk (false: built now, and written for next time). */
  fromDisk: boolean;
}

export async function openStoredIndexes(
  workspaceDir: string,
  corpus: { hash: string; papers: readonly Paper[] },
  notes: { runId: string; notes: ReadonlyMap<string, PaperNotes> } | null,
): Promise<StoredIndexes> {
  const dir = path.join(workspaceDir, DIR);
  const stem = `${corpus.hash.slice(0, 16)}-${notes ? notes.runId.replace(/[^\w.-]/g, '_') : 'none'}-v${VERSION}`;
  const termsFile = path.join(dir, `${stem}.terms.json`);
  const postingsFile = path.join(dir, `${stem}.postings.bin`);

  let postings = await readPostings(termsFile, postingsFile, corpus.papers.length);
  const fromDisk = postings !== null;
  if (!postings) {
    postings = buildPostings(corpus.papers);
    await clearOthers(dir, stem);
    await writePostings(termsFile, postingsFile, postings, corpus.papers.length).catch(() => undefined);
  }

  return { postings, fromDisk };
}

async function readPostings(termsFile: string, postingsFile: string, size: number): Promise<Postings | null> {
  try {
    const head = JSON.parse(await readFile(termsFile, 'utf8')) as { version?: number; size?: number; terms?: string[]; lengths?: number[] };
    if (head.version !== VERSION || head.size !== size || !Array.isArray(head.terms) || !Array.isArray(head.lengths)) return null;
    const buf = await readFile(postingsFile);
    const all = new Uint32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4);
    const out: Postings = new Map();
    let at = 0;
    head.terms.forEach((t, i) => {
      const n = head.lengths![i]!;
      out.set(t, all.subarray(at, at + n));
      at += n;
    });
    return at === all.length ? out : null;
  } catch {
    return null;
  }
}

async function writePostings(termsFile: string, postingsFile: string, postings: Postings, size: number): Promise<void> {
  await mkdir(path.dirname(termsFile), { recursive: true });
  const terms = [...postings.keys()];
  const lengths = terms.map((t) => postings.get(t)!.length);
  const all = new Uint32Array(lengths.reduce((a, b) => a + b, 0));
  let at = 0;
  for (const t of terms) {
    all.set(postings.get(t)!, at);
    at += postings.get(t)!.length;
  }
  await writeFile(postingsFile, all);
  await writeFile(termsFile, JSON.stringify({ version: VERSION, size, terms, lengths }));
}

/** Indexes of earlier corpora or reviews: no longer valid. */
async function clearOthers(dir: string, stem: string): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  await Promise.all(names.filter((n) => !n.startsWith(stem)).map((n) => rm(path.join(dir, n), { force: true })));
}
