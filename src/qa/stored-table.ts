import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Paper } from '../corpus/paper.js';
import { buildPostings, createCorpusTable, type CorpusTable, type Postings } from '../query/corpus-table.js';
import type { PaperNotes } from '../retrieval/types.js';
import { clearOtherIndexes, indexStem, readPostings, writePostings } from './index-store.js';
import { openPaperStore, writePaperStore, type PaperStore } from './paper-store.js';

export interface StoredTable {
  table: CorpusTable;
  /** Whether the store came from disk (false: built now from the whole corpus, and written for next time). */
  fromDisk: boolean;
  close(): void;
}

/**
 * The corpus table of the stored corpus, answered from its store on disk (paper-store.ts and index-store.ts).
 * The store is found by the corpus hash and the review run; when there is none (the first question about this
 * corpus and review), `load` reads the whole corpus once, the store is built and written, and the earlier
 * corpora's stores are removed. Either way the table reads the papers from the store, so the first answer is the
 * same as every later one.
 */
export async function openStoredTable(
  workspaceDir: string,
  corpus: { hash: string; size: number; load: () => Promise<readonly Paper[]> },
  notes: { runId: string; notes: ReadonlyMap<string, PaperNotes> } | null,
): Promise<StoredTable> {
  const stem = indexStem(workspaceDir, corpus.hash, notes?.runId ?? null);
  let fromDisk = true;
  let postings = await readPostings(stem, corpus.size);
  let store = postings && (await openPaperStore(stem, corpus.hash));
  if (!postings || !store) {
    fromDisk = false;
    const papers = await corpus.load();
    postings = buildPostings(papers);
    store = await writeStore(stem, corpus.hash, papers, postings);
    // A workspace that cannot be written to answers from memory.
    if (!store) return { table: createCorpusTable(papers, { notes: notes?.notes, postings }), fromDisk, close: () => undefined };
  }
  const opened = store;
  const table = createCorpusTable(opened.source, { notes: notes?.notes, postings, abstractFigures: opened.figures });
  return { table, fromDisk, close: () => opened.close() };
}

async function writeStore(stem: string, hash: string, papers: readonly Paper[], postings: Postings): Promise<PaperStore | null> {
  try {
    await mkdir(path.dirname(stem), { recursive: true });
    await clearOtherIndexes(stem);
    await writePostings(stem, postings, papers.length);
    await writePaperStore(stem, hash, papers);
  } catch {
    return null;
  }
  return openPaperStore(stem, hash);
}
