import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Paper } from '../corpus/paper.js';
import { LitrevError } from '../errors.js';
import { createCorpusTable, createPostingsBuilder, type CorpusTable, type Postings } from '../query/corpus-table.js';
import type { PaperNotes } from '../retrieval/types.js';
import { clearOtherIndexes, indexStem, readPostings, writePostings } from './index-store.js';
import { openPaperStore, writePaperStore } from './paper-store.js';

export interface StoredTable {
  table: CorpusTable;
  /** Whether the store came from disk (false: built now from the whole corpus, and written for next time). */
  fromDisk: boolean;
  close(): void;
}

/**
 * The corpus table of the stored corpus, answered from its store on disk (paper-store.ts and index-store.ts).
 * The store is found by the corpus hash and the review run; when there is none (the first question about this
 * corpus and review), the corpus is read once, one paper at a time (`papers`), the store is built and written as
 * it is read, and the earlier corpora's stores are removed. Either way the table reads the papers from the store, so the first answer is the
 * same as every later one.
 */
export async function openStoredTable(
  workspaceDir: string,
  corpus: { hash: string; size: number; papers: () => AsyncIterable<Paper> | Iterable<Paper> },
  notes: { runId: string; notes: ReadonlyMap<string, PaperNotes> } | null,
): Promise<StoredTable> {
  const stem = indexStem(workspaceDir, corpus.hash, notes?.runId ?? null);
  let postings = await readPostings(stem, corpus.size);
  let store = postings && (await openPaperStore(stem, corpus.hash));
  const fromDisk = store !== null;
  if (!postings || !store) {
    postings = await writeStore(stem, corpus.hash, corpus.papers());
    store = postings && (await openPaperStore(stem, corpus.hash));
    if (!postings || !store) {
      // A workspace that cannot be written to answers from memory.
      const papers: Paper[] = [];
      for await (const p of corpus.papers()) papers.push(p);
      return { table: createCorpusTable(papers, { notes: notes?.notes }), fromDisk, close: () => undefined };
    }
  }
  const opened = store;
  const table = createCorpusTable(opened.source, { notes: notes?.notes, postings, abstractFigures: opened.figures });
  return { table, fromDisk, close: () => opened.close() };
}

/** Build and write the store and its postings from the papers read one at a time; null when it cannot be written. */
async function writeStore(stem: string, hash: string, papers: AsyncIterable<Paper> | Iterable<Paper>): Promise<Postings | null> {
  const builder = createPostingsBuilder();
  try {
    await mkdir(path.dirname(stem), { recursive: true });
    await clearOtherIndexes(stem);
    const size = await writePaperStore(stem, hash, papers, (p, i) => builder.add(p, i));
    const postings = builder.finish();
    await writePostings(stem, postings, size);
    return postings;
  } catch (err) {
    if (err instanceof LitrevError) throw err;
    return null;
  }
}
