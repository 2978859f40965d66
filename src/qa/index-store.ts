import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Paper } from '../corpus/paper.js';
import { buildPostings, type Postings } from '../query/corpus-table.js';
import { buildBm25Index, loadBm25Index, type Bm25Index } from '../retrieval/bm25-index.js';
import { indexDocuments } from '../retrieval/create-retriever.js';
import type { PaperNotes } from '../retrieval/types.js';

/**
 * The Q&A indexes of the stored corpus, kept on disk next to it (`<workspace>/qa-index/`) so that `ask` and
 * `chat` over a large corpus do not analyse every abstract again: the corpus table's inverted index (binary:
 * its terms as JSON, their postings as one Uint32 array, read back as views without parsing numbers) and the
 * BM25 index (MiniSearch's own serialisation). Both are named by the corpus hash and the review run whose
 * notes they hold, so a changed corpus or a new review invalidates them; older files are removed on write.
 * The BM25 index is loaded on the first retrieval only (a list or count question never needs it), and kept on
 * disk only for corpora of STORED_BM25_FROM papers or more.
 */
const DIR = 'qa-index';
/** Below this many papers the BM25 index is built in memory: building it is as quick as reading it back. */
export const STORED_BM25_FROM = 5000;
const VERSION = 1;

export interface StoredIndexes {
  postings: Postings;
  /** Loads (or builds and stores) the BM25 index: call it on the first search. */
  bm25: () => Bm25Index;
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
  const bm25File = path.join(dir, `${stem}.bm25.json`);

  let postings = await readPostings(termsFile, postingsFile, corpus.papers.length);
  const fromDisk = postings !== null;
  if (!postings) {
    postings = buildPostings(corpus.papers);
    await clearOthers(dir, stem);
    await writePostings(termsFile, postingsFile, postings, corpus.papers.length).catch(() => undefined);
  }

  const bm25 = (): Bm25Index => {
    if (corpus.papers.length < STORED_BM25_FROM) return buildBm25Index(indexDocuments(corpus.papers, notes?.notes));
    let loaded: Bm25Index | null = null;
    try {
      loaded = loadBm25Index(readFileSync(bm25File, 'utf8'));
    } catch {
      loaded = null;
    }
    if (loaded && loaded.size === corpus.papers.length) return loaded;
    const built = buildBm25Index(indexDocuments(corpus.papers, notes?.notes));
    // Kept for the next session; a workspace that cannot be written to only costs the rebuild.
    try {
      mkdirSync(dir, { recursive: true });
      writeFileSync(bm25File, built.serialize());
    } catch {
      // not kept: rebuilt next time
    }
    return built;
  };
  return { postings, bm25, fromDisk };
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
