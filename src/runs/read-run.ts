import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../errors.js';
import { RUN_MANIFEST_FILE, type RunManifest } from './manifest.js';
import { parseManifest, parseVerificationSummary } from './parse-manifest.js';
import { parsePapersJsonl, parseTaxonomy } from './parse-run-files.js';
import { isRecord, parseJson, readTextFile } from '../fs/read-text-file.js';
import { RUN_FILES, type RunPaper, type RunRecord, type RunTaxonomy, type RunVerification } from './run-record.js';

export interface ReadRunOptions {
  /** Folder that relative paths are resolved against (default: the process's working folder). */
  cwd?: string;
}

/**
 * Load a run: `dirOrId` is a run id (or a unique prefix of one) under `runsDir`, a run folder, or
 * the path of its run.json. Throws a UsageError naming what was not found; the other files are read
 * defensively (damage is reported in `warnings`).
 */
export async function readRun(dirOrId: string, runsDir: string, options: ReadRunOptions = {}): Promise<RunRecord> {
  const dir = await resolveRunDir(dirOrId, runsDir, options.cwd ?? process.cwd());
  const loaded = await readManifest(dir);
  if (!loaded.ok) throw new UsageError(`${loaded.where}: ${loaded.problem}`);
  const warnings: string[] = [];
  const papers = await readPapers(dir, warnings);
  const taxonomy = await readTaxonomy(dir, warnings);
  const verification = await readVerification(dir, loaded.manifest, warnings);
  const review = await readTextFile(path.join(dir, RUN_FILES.review));
  if (review.kind !== 'ok') warnings.push(`${path.join(dir, RUN_FILES.review)}: ${reason(review)}`);
  return {
    dir,
    manifest: loaded.manifest,
    papers,
    taxonomy,
    verification,
    reviewText: review.kind === 'ok' ? review.text : null,
    warnings,
  };
}

/** Outcome of reading `<dir>/run.json`: `where` is the file or folder at fault, `problem` says what is wrong. */
export type ManifestRead = { ok: true; manifest: RunManifest } | { ok: false; where: string; problem: string };

/** Read and validate `<dir>/run.json` without throwing. */
export async function readManifest(dir: string): Promise<ManifestRead> {
  const file = path.join(dir, RUN_MANIFEST_FILE);
  const read = await readTextFile(file);
  if (read.kind === 'missing') return { ok: false, where: dir, problem: `no ${RUN_MANIFEST_FILE} (not a run folder, or the run did not finish)` };
  if (read.kind === 'error') return { ok: false, where: file, problem: read.reason };
  const json = parseJson(read.text);
  if (!json.ok) return { ok: false, where: file, problem: json.reason };
  const parsed = parseManifest(json.value);
  return parsed.ok ? parsed : { ok: false, where: file, problem: parsed.reason };
}

/** Find the folder a run argument names. */
export async function resolveRunDir(dirOrId: string, runsDir: string, cwd: string): Promise<string> {
  if (dirOrId.trim() === '') throw new UsageError('empty run name', "give a run id (see 'litrev runs') or a run folder");
  const asPath = path.resolve(cwd, dirOrId);
  const info = await stat(asPath).catch(() => null);
  if (info?.isDirectory()) return asPath;
  if (info?.isFile()) {
    if (path.basename(asPath) === RUN_MANIFEST_FILE) return path.dirname(asPath);
    throw new UsageError(`${asPath} is a file, not a run folder or its ${RUN_MANIFEST_FILE}`);
  }
  const looksLikeId = !dirOrId.includes('/') && !dirOrId.includes(path.sep) && dirOrId !== '.' && dirOrId !== '..';
  if (looksLikeId) {
    const byId = path.join(runsDir, dirOrId);
    if ((await stat(byId).catch(() => null))?.isDirectory()) return byId;
    const entries = await readdir(runsDir, { withFileTypes: true }).catch(() => []);
    const matches = entries.filter((e) => e.isDirectory() && e.name.startsWith(dirOrId)).map((e) => e.name);
    if (matches.length === 1) return path.join(runsDir, matches[0]!);
    if (matches.length > 1) {
      throw new UsageError(`run "${dirOrId}" is ambiguous in ${runsDir}: ${matches.sort().slice(0, 5).join(', ')}${matches.length > 5 ? ', ...' : ''}`);
    }
  }
  throw new UsageError(
    `run "${dirOrId}" not found: no folder ${asPath}${looksLikeId ? ` and no run with that id in ${runsDir}` : ''}`,
    "'litrev runs' lists the runs",
  );
}

async function readPapers(dir: string, warnings: string[]): Promise<RunPaper[]> {
  const file = path.join(dir, RUN_FILES.papers);
  const read = await readTextFile(file);
  if (read.kind !== 'ok') {
    warnings.push(`${file}: ${reason(read)}`);
    return [];
  }
  const parsed = parsePapersJsonl(read.text, file);
  warnings.push(...parsed.warnings);
  return parsed.papers;
}

async function readTaxonomy(dir: string, warnings: string[]): Promise<RunTaxonomy | null> {
  const file = path.join(dir, RUN_FILES.taxonomy);
  const read = await readTextFile(file);
  if (read.kind !== 'ok') {
    warnings.push(`${file}: ${reason(read)}`);
    return null;
  }
  const json = parseJson(read.text);
  if (!json.ok) {
    warnings.push(`${file}: ${json.reason}`);
    return null;
  }
  const parsed = parseTaxonomy(json.value, file);
  warnings.push(...parsed.warnings);
  return parsed.taxonomy;
}

async function readVerification(dir: string, manifest: RunManifest, warnings: string[]): Promise<RunVerification> {
  const file = path.join(dir, RUN_FILES.verification);
  const read = await readTextFile(file);
  const json = read.kind === 'ok' ? parseJson(read.text) : null;
  if (json?.ok && isRecord(json.value) && isRecord(json.value.summary)) {
    return { summary: parseVerificationSummary(json.value.summary), source: 'verification.json', details: json.value };
  }
  const why = read.kind !== 'ok' ? reason(read) : json && !json.ok ? json.reason : 'no "summary" object';
  warnings.push(`${file}: ${why}; using the summary in ${RUN_MANIFEST_FILE}`);
  return { summary: manifest.verification, source: 'run.json', details: null };
}

function reason(read: { kind: 'missing' } | { kind: 'error'; reason: string }): string {
  return read.kind === 'missing' ? 'missing' : read.reason;
}
