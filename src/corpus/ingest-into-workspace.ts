import path from 'node:path';
import { addToCorpus, type CorpusChange } from './corpus-sources.js';
import { toColumnMap } from './formats/field-map.js';
import { ingestPaths, type IngestOptions, type IngestReport } from './ingest.js';
import type { Corpus, Paper } from './paper.js';
import { loadCorpusState, loadPreviousKeys, saveCorpusState } from './store.js';
import { litrevFolders } from './walk-exclusions.js';

export interface WorkspaceIngestOptions extends Pick<IngestOptions, 'signal' | 'progress'> {
  /** Start the stored corpus anew instead of adding to it. */
  replace?: boolean;
  /** Store the result (default true); with false only the keys of the stored corpus are used. */
  store?: boolean;
}

export interface WorkspaceIngest {
  report: IngestReport;
  change: CorpusChange;
  /** The stored corpus after the ingest (null when nothing was stored). */
  stored: Corpus | null;
  /** This ingest's papers as stored (a paper already present keeps its stored key). */
  papers: Paper[];
}

interface WorkspaceConfig {
  cwd: string;
  workspaceDir: string;
  runsDir: string;
  cacheDir: string;
  columnMap: Readonly<Record<string, string>>;
  requireAbstract: boolean;
  followSymlinks?: boolean;
}

/**
 * Ingest `paths` and add them to the workspace's stored corpus (or replace it): folder walks pass over litrev's
 * own folders, keys stay sticky, and the change is counted. Nothing is stored when the inputs hold no paper.
 */
export async function ingestIntoWorkspace(config: WorkspaceConfig, paths: readonly string[], options: WorkspaceIngestOptions = {}): Promise<WorkspaceIngest> {
  const previousKeys = await loadPreviousKeys(config.workspaceDir);
  const report = await ingestPaths([...paths], {
    signal: options.signal,
    previousKeys,
    cwd: config.cwd,
    exclude: litrevFolders(config),
    columnMap: toColumnMap(config.columnMap),
    requireAbstract: config.requireAbstract,
    followSymlinks: config.followSymlinks === true,
    ...(options.progress ? { progress: options.progress } : {}),
  });
  const previous = await loadCorpusState(config.workspaceDir);
  options.progress?.({ phase: 'comparing', done: 0, total: report.papers.length });
  const inputs = paths.map((p) => ({ shown: p, abs: path.resolve(config.cwd, p) }));
  const change = addToCorpus(options.replace ? null : previous, report, inputs);
  if (options.replace) change.before = previous?.papers.length ?? 0;
  const byId = new Map(change.state.papers.map((p) => [p.id, p]));
  const papers = [...new Set(change.ingestedIds)].sort().map((id) => byId.get(id)!).filter(Boolean);
  const store = options.store !== false && report.papers.length > 0;
  if (store) options.progress?.({ phase: 'storing', done: 0, total: change.state.papers.length });
  const stored = store ? await saveCorpusState(config.workspaceDir, change.state) : null;
  return { report, change, stored, papers };
}
