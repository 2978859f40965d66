import type { Config } from '../config/schema.js';
import { NoInputError } from '../errors.js';
import type { IngestReport } from './ingest.js';
import type { CorpusChange } from './corpus-sources.js';
import { ingestIntoWorkspace } from './ingest-into-workspace.js';
import type { IngestProgressListener } from './ingest-progress.js';
import type { Corpus } from './paper.js';
import { corpusHash } from './corpus-hash.js';
import { corpusPath, loadCorpus } from './store.js';

export interface ResolveOptions {
  signal?: AbortSignal;
  /** Hears how far reading a large corpus has come. */
  progress?: IngestProgressListener;
  /** Store the ingested corpus in the workspace (default true). Keys stay sticky either way. */
  store?: boolean;
}

/**
 * The corpus a command works on: `paths` ingested (and stored in the workspace unless `store: false`) when
 * given, else the corpus stored by an earlier `litrev ingest`. `stored` is how the stored corpus changed. Throws NoInputError (exit 3) when there are
 * no usable papers.
 */
export async function resolveCorpus(
  config: Config,
  paths: string[],
  options: ResolveOptions = {},
): Promise<{ corpus: Corpus; report: IngestReport | null; stored: CorpusChange | null }> {
  if (paths.length === 0) {
    const stored = await loadCorpus(config.workspaceDir);
    if (!stored || stored.papers.length === 0) {
      throw new NoInputError(`no corpus in the workspace (${corpusPath(config.workspaceDir)})`, 'run `litrev ingest PATH` first, or name input files');
    }
    return { corpus: stored, report: null, stored: null };
  }
  // The papers of `paths` are the corpus; they are also added to the stored corpus (unless `store: false`).
  const { report, papers, change, stored } = await ingestIntoWorkspace(config, paths, { signal: options.signal, store: options.store, ...(options.progress ? { progress: options.progress } : {}) });
  if (report.papers.length === 0) throw noUsablePapers(paths, report);
  return { corpus: { papers, hash: corpusHash(papers) }, report, stored: stored ? change : null };
}

/** The error for inputs that gave no paper, with the first reason. */
export function noUsablePapers(paths: readonly string[], report: IngestReport): NoInputError {
  const first = report.skipped[0]?.reason;
  const what = paths.length === 1 ? paths[0] : `${paths.length} inputs`;
  return new NoInputError(
    `no usable papers in ${what}${first ? ` (${first}${report.skipped.length > 1 ? `; ${report.skipped.length - 1} more problem(s)` : ''})` : ''}`,
    'check the paths and formats (see `litrev ingest --help`), then run `litrev ingest PATH` again',
  );
}
