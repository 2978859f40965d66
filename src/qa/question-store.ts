import { mkdir, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Corpus, Paper } from '../corpus/paper.js';
import { readCorpusHead, storedPapers } from '../corpus/store.js';
import { AbortedError } from '../errors.js';
import { createPostingsBuilder, type Postings } from '../query/corpus-table.js';
import { clearOtherIndexes, INDEX_DIR, indexStem, readPostings, writePostings } from './index-store.js';
import { openPaperStore, writePaperStore } from './paper-store.js';

/** The corpus a question store is built for: its hash, its size and its papers, read once, one at a time. */
export interface StoreCorpus {
  hash: string;
  size: number;
  papers: () => AsyncIterable<Paper> | Iterable<Paper>;
}

export interface BuildOptions {
  /** Papers written so far, of how many: every PROGRESS_EVERY papers and at the end. */
  onProgress?: (done: number, total: number) => void;
  /** Stops the build at the next paper (the files begun are removed). */
  signal?: AbortSignal;
}

const PROGRESS_EVERY = 1000;

/**
 * Build and write the question store of this corpus under `stem` (the papers, their figures and metadata:
 * paper-store.ts; the postings: index-store.ts), reading the papers once, one at a time, and remove the stores of
 * other corpora. Returns the postings. Throws when the store cannot be written, after removing what was begun.
 */
export async function writeQuestionStore(stem: string, corpus: StoreCorpus, options: BuildOptions = {}): Promise<Postings> {
  const builder = createPostingsBuilder();
  try {
    await mkdir(path.dirname(stem), { recursive: true });
    await clearOtherIndexes(stem);
    await removeStoreFiles(stem, (pid) => pid !== null && !running(pid));
    const size = await writePaperStore(stem, corpus.hash, corpus.papers(), (p, i) => {
      if (options.signal?.aborted) throw new AbortedError();
      builder.add(p, i);
      if ((i + 1) % PROGRESS_EVERY === 0) options.onProgress?.(i + 1, corpus.size);
    });
    const postings = builder.finish();
    await writePostings(stem, postings, size);
    options.onProgress?.(size, size);
    return postings;
  } catch (err) {
    await removeStoreFiles(stem, (pid) => pid === null || pid === process.pid).catch(() => undefined);
    throw err;
  }
}

/**
 * Make sure the question store that `ask` and `chat` open for this corpus is on disk: 'present' when it already
 * is (nothing written), 'built' when it was written now. Throws, as writeQuestionStore does, when it cannot be.
 */
export async function ensureQuestionStore(workspaceDir: string, corpus: StoreCorpus, options: BuildOptions = {}): Promise<'present' | 'built'> {
  const stem = indexStem(workspaceDir, corpus.hash);
  if ((await readPostings(stem, corpus.size)) !== null) {
    const store = await openPaperStore(stem, corpus.hash);
    store?.close();
    if (store) return 'present';
  }
  await writeQuestionStore(stem, corpus, options);
  return 'built';
}

/** The folder of the question stores of a workspace (what a warning names). */
export function questionStoreDir(workspaceDir: string): string {
  return path.join(workspaceDir, INDEX_DIR);
}

/**
 * Make sure the question store of the workspace's stored corpus (what `ask` and `chat` without --in answer from)
 * is on disk, as `ingest` and `review` do once the corpus is stored, so the first question does not build it.
 * `held`: papers the command already holds; they feed the store when they are the stored corpus (same hash and count:
 * the same papers, held in the order they are stored: the order loadCorpus reads, or the id order of a corpus just
 * stored and of the papers an ingest returns), else corpus.json is read one paper a line. Null when the workspace has
 * no corpus.
 */
export async function ensureWorkspaceStore(workspaceDir: string, held: Corpus | null, options: BuildOptions = {}): Promise<{ result: 'present' | 'built'; papers: number } | null> {
  const head = await readCorpusHead(workspaceDir);
  if (!head || head.count === 0) return null;
  const papers = held && held.hash === head.hash && held.papers.length === head.count ? () => held.papers : () => storedPapers(workspaceDir);
  const result = await ensureQuestionStore(workspaceDir, { hash: head.hash, size: head.count, papers }, options);
  return { result, papers: head.count };
}

/**
 * Remove files of the store under `stem` that `which` selects by the process that is writing them (a temporary
 * file `NAME.PID.tmp`, see record-file.ts) or null (a finished file). A build that fails removes what it wrote, and
 * leaves alone the temporary files of another process building the same store; one that starts removes the temporary
 * files of processes that are gone (a build stopped by Ctrl-C), which nothing would finish.
 */
async function removeStoreFiles(stem: string, which: (pid: number | null) => boolean): Promise<void> {
  const dir = path.dirname(stem);
  const base = `${path.basename(stem)}.`;
  const names = await readdir(dir).catch(() => [] as string[]);
  const pidOf = (name: string) => {
    const m = /\.(\d+)\.tmp$/.exec(name);
    return m ? Number(m[1]) : null;
  };
  await Promise.all(names.filter((n) => n.startsWith(base) && which(pidOf(n))).map((n) => rm(path.join(dir, n), { force: true })));
}

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
