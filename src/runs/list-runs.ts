import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../errors.js';
import { RUN_MANIFEST_FILE, type RunManifest } from './manifest.js';
import { readManifest } from './read-run.js';

/** One row of `litrev runs` (and of its JSON). */
export interface RunListEntry {
  runId: string;
  createdAt: string;
  durationMs: number;
  engine: 'offline' | 'model';
  model: string | null;
  endpoint: string | null;
  corpusHash: string;
  /** Prompt name -> first 12 hex digits of its file hash. */
  prompts: Record<string, string>;
  papers: number;
  annotated: number;
  failed: number;
  categories: number;
  calls: number;
  cacheHits: number;
  tokens: { prompt: number; completion: number };
  costUSD: number | null;
  outDir: string;
  /** --topic of the run (null: the whole corpus). */
  topic: string | null;
  /** --criteria file of the run (null: no criteria screening). */
  criteriaFile: string | null;
  /** `ok with warnings`: verification found something to distrust (see verification.json). */
  status: 'ok' | 'ok with warnings' | 'failed-items';
}

export interface SkippedRun {
  path: string;
  reason: string;
}

/** Length of the prompt hashes shown in listings. */
export const SHORT_HASH = 12;

/**
 * Every run folder directly under `runsDir`, newest first (by createdAt, then runId). Folders
 * without a readable run.json are returned in `skipped` with a one-line reason; plain files and
 * hidden entries are ignored. A missing `runsDir` simply holds no runs.
 */
export async function listRuns(runsDir: string, elsewhere: readonly string[] = []): Promise<{ runs: RunListEntry[]; skipped: SkippedRun[] }> {
  let entries: Dirent[];
  try {
    entries = await readdir(runsDir, { withFileTypes: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOTDIR') throw new UsageError(`runs folder ${runsDir} is a file, not a folder`);
    if (code !== 'ENOENT') throw new UsageError(`cannot read runs folder ${runsDir}: ${(err as Error).message}`);
    entries = [];
  }
  const inRunsDir = entries.filter((e) => (e.isDirectory() || e.isSymbolicLink()) && !e.name.startsWith('.')).map((e) => path.join(runsDir, e.name));
  // Folders written with --out and recorded in the workspace; one deleted since is simply gone.
  const recorded = (await Promise.all(elsewhere.map(async (d) => ((await stat(path.join(d, RUN_MANIFEST_FILE)).catch(() => null)) ? d : null)))).filter((d): d is string => d !== null);
  const dirs = [...new Set([...inRunsDir, ...recorded])];
  const loaded = await Promise.all(dirs.map(async (dir) => ({ dir, result: await readManifest(dir) })));
  const runs: RunListEntry[] = [];
  const skipped: SkippedRun[] = [];
  for (const { dir, result } of loaded) {
    if (result.ok) runs.push(toEntry(result.manifest, dir));
    else skipped.push({ path: dir, reason: result.where === dir ? result.problem : `${path.basename(result.where)}: ${result.problem}` });
  }
  runs.sort(newestFirst);
  skipped.sort((a, b) => a.path.localeCompare(b.path));
  return { runs, skipped };
}

/** The list entry of one manifest (exported for callers that already hold a manifest). */
export function toEntry(m: RunManifest, outDir: string): RunListEntry {
  return {
    runId: m.runId,
    createdAt: m.createdAt,
    durationMs: m.durationMs,
    engine: m.engine,
    model: m.model,
    endpoint: m.endpoint,
    corpusHash: m.corpusHash,
    prompts: Object.fromEntries(Object.entries(m.prompts).map(([name, p]) => [name, p.hash.slice(0, SHORT_HASH)])),
    papers: m.counts.papers,
    annotated: m.counts.annotated,
    failed: m.counts.failed,
    categories: m.counts.categories,
    calls: m.counts.calls,
    cacheHits: m.counts.cacheHits,
    tokens: { prompt: m.tokens.prompt, completion: m.tokens.completion },
    costUSD: m.costUSD,
    outDir,
    topic: m.options.topic ?? null,
    criteriaFile: m.options.criteriaFile ?? null,
    status: m.status,
  };
}

function newestFirst(a: RunListEntry, b: RunListEntry): number {
  const ta = Date.parse(a.createdAt);
  const tb = Date.parse(b.createdAt);
  const byTime = (Number.isNaN(tb) ? -Infinity : tb) - (Number.isNaN(ta) ? -Infinity : ta);
  if (byTime !== 0 && !Number.isNaN(byTime)) return byTime;
  return b.runId.localeCompare(a.runId);
}
