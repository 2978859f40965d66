import type { Corpus } from '../corpus/paper.js';
import { AbortedError } from '../errors.js';
import { ensureWorkspaceStore, questionStoreDir, type BuildOptions } from '../qa/question-store.js';
import type { StageContext } from '../review/engine.js';

/**
 * Build the question store of the workspace's stored corpus once `ingest` or `review` has stored it (see
 * src/qa/question-store.ts), so the first `ask` answers as fast as the later ones. Never the command's failure: a
 * store that cannot be written (read-only folder, full disk, a damaged corpus.json) is one warning naming its
 * folder, and the first question builds it as before. Ctrl-C still stops it.
 */
export async function buildQuestionStore(workspaceDir: string, held: Corpus | null, options: BuildOptions & { warn: (message: string) => void }): Promise<number | null> {
  try {
    const done = await ensureWorkspaceStore(workspaceDir, held, options);
    return done?.papers ?? null;
  } catch (err) {
    if (err instanceof AbortedError) throw err;
    options.warn(`the question store was not written to ${questionStoreDir(workspaceDir)} (${reason(err)}): the first question will build it`);
    return null;
  }
}

/** The review's stage `index`: the question store of the corpus just reviewed, fed from the papers the review holds. */
export function questionStoreStage(workspaceDir: string, reviewed: Corpus): (ctx: StageContext) => Promise<void> {
  return async (ctx) => {
    const papers = await buildQuestionStore(workspaceDir, reviewed, { signal: ctx.signal, onProgress: (done, total) => ctx.progress(done, total, 0), warn: ctx.warn });
    if (papers !== null) ctx.progress(papers, papers, 0);
  };
}

function reason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException)?.code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EROFS') return 'read-only file system';
  if (code === 'ENOSPC') return 'no space left on the device';
  if (code === 'EDQUOT') return 'disk quota exceeded';
  const message = err instanceof Error ? err.message : String(err);
  return message.split('\n')[0]!;
}
