import type { Paper } from '../corpus/paper.js';
import { LitrevError } from '../errors.js';
import { createCorpusTable, type CorpusTable, type Postings } from '../query/corpus-table.js';
import type { PaperNotes } from '../retrieval/types.js';
import { indexStem, readPostings } from './index-store.js';
import { openPaperStore } from './paper-store.js';
import { writeQuestionStore, type StoreCorpus } from './question-store.js';

export interface StoredTable {
  table: CorpusTable;
  /** Whether the store came from disk (false: built now from the whole corpus, and written for next time). */
  fromDisk: boolean;
  close(): void;
}

/**
 * The corpus table of the stored corpus, answered from its store on disk (paper-store.ts and index-store.ts).
 * The store is found by the corpus hash; `ingest` and `review` build it (question-store.ts). When there is none
 * (a corpus stored otherwise, or a store that could not be written then), the corpus is read once, one paper at a
 * time (`papers`), the store is built and written as it is read, and the earlier corpora's stores are removed.
 * Either way the table reads the papers from the store, so the first answer is the same as every later one. The
 * review's annotations (`notes`) are not stored: they are given to the table at every opening.
 */
export async function openStoredTable(
  workspaceDir: string,
  corpus: StoreCorpus,
  notes: { runId: string; notes: ReadonlyMap<string, PaperNotes> } | null,
): Promise<StoredTable> {
  const stem = indexStem(workspaceDir, corpus.hash);
  let postings = await readPostings(stem, corpus.size);
  let store = postings && (await openPaperStore(stem, corpus.hash));
  const fromDisk = store !== null;
  if (!postings || !store) {
    postings = await writeStore(stem, corpus);
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

/** The store written now; null when it cannot be written (a damaged corpus is still an error). */
async function writeStore(stem: string, corpus: StoreCorpus): Promise<Postings | null> {
  try {
    return await writeQuestionStore(stem, corpus);
  } catch (err) {
    if (err instanceof LitrevError) throw err;
    return null;
  }
}
