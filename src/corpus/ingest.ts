import { AbortedError } from '../errors.js';
import { assignKeys } from './assign-keys.js';
import { collectFiles } from './collect-files.js';
import { groupDuplicates } from './dedupe.js';
import type { ColumnMap } from './formats/field-map.js';
import { skippedIssue, warningIssue } from './formats/reader.js';
import { mergeGroup } from './merge-records.js';
import { MAX_ABSTRACT_CHARS, MAX_LIST_ITEMS, MAX_TITLE_CHARS } from './field-limits.js';
import { normalizeRecord, type NormalizedRecord } from './normalize-record.js';
import type { InputIssue, Paper, RawRecord, SourceFormat } from './paper.js';
import { assignIds } from './paper-id.js';
import { readInput, type FileResult } from './read-input.js';
import type { IngestProgressListener } from './ingest-progress.js';

export interface IngestOptions {
  signal?: AbortSignal;
  /** Citation keys of an earlier corpus (paper id -> key): papers found again keep their key. */
  previousKeys?: ReadonlyMap<string, string>;
  /** Folder relative paths are resolved against (default: the process's working directory). */
  cwd?: string;
  /** Folders a walk never reads (litrev's runs folder, cache, workspace). */
  exclude?: readonly string[];
  /** Follow symbolic links leading out of a walked folder (`--follow-symlinks`). */
  followSymlinks?: boolean;
  /** Columns / JSON properties named by the user for fields litrev cannot guess (`--map`). */
  columnMap?: ColumnMap;
  /** Leave out papers without an abstract (`--require-abstract`) instead of keeping them, flagged. */
  requireAbstract?: boolean;
  /** Hears how far the ingest has come (files read, records normalised, papers merged). */
  progress?: IngestProgressListener;
}

/** What one input file contributed. */
export interface FileReport {
  path: string;
  format: SourceFormat | null;
  /** Usable records read from the file (duplicates included). */
  records: number;
  /** Records of this file merged into a paper whose winning record came from elsewhere (or earlier). */
  duplicates: number;
  issues: InputIssue[];
  encoding?: string;
}

export interface IngestReport {
  /** Deduplicated papers, sorted by id. */
  papers: Paper[];
  /** Usable records read from all files (before deduplication). */
  records: number;
  /** records - papers. */
  duplicates: number;
  /** Files and records left out, each with a one-line reason naming the file (and line or record). */
  skipped: { path: string; reason: string }[];
  /** Things the user should know that did not stop a record from being ingested. */
  warnings: string[];
  files: FileReport[];
  /** Files folder walks passed over unread (litrev's own outputs, VCS and dependency folders, hidden files). */
  notRead: number;
}

const YIELD_EVERY = 5000;

/**
 * Ingest files and folders (recursively): detect each file's format by content, read and normalise its
 * records, merge duplicates across files, give every paper a content-derived id and a stable citation key.
 * Bad input never throws: it is reported in `skipped` / `warnings`; only Ctrl-C (`signal`) stops the work.
 */
export async function ingestPaths(paths: string[], options: IngestOptions = {}): Promise<IngestReport> {
  const { signal } = options;
  const { files, issues: pathIssues, notRead } = await collectFiles(paths, options.cwd ?? process.cwd(), { exclude: options.exclude, followSymlinks: options.followSymlinks === true });
  const results: FileResult[] = [];
  for (const [i, file] of files.entries()) {
    checkAbort(signal);
    results.push(await readInput(file, { columnMap: options.columnMap }));
    options.progress?.({ phase: 'reading', done: i + 1, total: files.length });
  }
  const { records: normalized, counts } = await normalizeAll(results, signal, options.progress);
  const total = normalized.length;
  options.progress?.({ phase: 'merging', done: 0, total });
  let groups: NormalizedRecord[][] | null = groupDuplicates(normalized);
  normalized.length = 0;
  const duplicatesByFile = countDuplicates(groups);
  await yieldAndCheck(signal);
  // Merge group by group, letting each group's records go as soon as its paper exists (large inputs).
  const merged = groups.map((g, i) => {
    const paper = mergeGroup(g);
    groups![i] = [];
    return paper;
  });
  groups = null;
  options.progress?.({ phase: 'keying', done: 0, total: merged.length });
  const keyed = assignKeys(assignIds(merged), options.previousKeys);
  const { papers, issue: abstractIssue } = withoutAbstracts(keyed.papers, options.requireAbstract === true);
  const keyWarnings = keyed.warnings;
  const fileReports: FileReport[] = results.map((r) => ({
    path: r.path,
    format: r.format,
    records: counts.get(r.path) ?? 0,
    duplicates: duplicatesByFile.get(r.path) ?? 0,
    issues: r.issues,
    ...(r.encoding ? { encoding: r.encoding } : {}),
  }));
  const issues = [...pathIssues, ...results.flatMap((r) => r.issues), ...(abstractIssue ? [abstractIssue] : [])];
  return {
    papers,
    records: total,
    duplicates: total - keyed.papers.length,
    skipped: issues.filter((i) => i.level !== 'warning').map((i) => ({ path: i.path, reason: i.reason })),
    warnings: [...issues.filter((i) => i.level === 'warning').map((i) => i.reason), ...keyWarnings],
    files: [...pathIssues.map((i) => ({ path: i.path, format: null, records: 0, duplicates: 0, issues: [i] })), ...fileReports],
    notRead,
  };
}

const NAMED_WITHOUT_ABSTRACT = 10;

/**
 * Papers without an abstract: kept (reviewed from their title, flagged) with one warning naming them, or left out
 * with `requireAbstract`, with one skipped issue naming them.
 */
function withoutAbstracts(papers: Paper[], requireAbstract: boolean): { papers: Paper[]; issue: InputIssue | null } {
  const missing = papers.filter((p) => p.abstract === '');
  if (missing.length === 0) return { papers, issue: null };
  const names = missing.slice(0, NAMED_WITHOUT_ABSTRACT).map((p) => `"${p.title.length > 60 ? `${p.title.slice(0, 57)}...` : p.title}" (${p.sources[0]?.path ?? '?'})`);
  const more = missing.length > NAMED_WITHOUT_ABSTRACT ? ` and ${missing.length - NAMED_WITHOUT_ABSTRACT} more` : '';
  const count = `${missing.length} paper${missing.length === 1 ? ' has' : 's have'} no abstract`;
  if (requireAbstract) {
    return {
      papers: papers.filter((p) => p.abstract !== ''),
      issue: { path: missing[0]!.sources[0]?.path ?? '', reason: `${count}, left out (--require-abstract): ${names.join(', ')}${more}`, level: 'skipped' },
    };
  }
  return {
    papers,
    issue: { path: missing[0]!.sources[0]?.path ?? '', reason: `${count} (reviewed from the title only, flagged; --require-abstract leaves them out): ${names.join(', ')}${more}`, level: 'warning' },
  };
}

/** Normalise every record; unusable ones become issues of their file. Raw records are released per file. */
async function normalizeAll(
  results: FileResult[],
  signal: AbortSignal | undefined,
  progress: IngestProgressListener | undefined,
): Promise<{ records: NormalizedRecord[]; counts: Map<string, number> }> {
  const records: NormalizedRecord[] = [];
  const counts = new Map<string, number>();
  const all = results.reduce((n, r) => n + r.records.length, 0);
  let seen = 0;
  for (const result of results) {
    const before = records.length;
    for (const raw of result.records) {
      if (++seen % YIELD_EVERY === 0) {
        progress?.({ phase: 'normalising', done: seen, total: all });
        await yieldAndCheck(signal);
      }
      const rec = normalizeRecord(raw);
      if ('skip' in rec) result.issues.push(skippedIssue(result.path, `${result.path}: ${where(raw)}${rec.skip}`, position(raw)));
      else records.push(rec);
      for (const c of ('cut' in rec && rec.cut) || []) {
        const unit = c.field === 'authors' || c.field === 'keywords' ? 'items' : 'characters';
        result.issues.push(warningIssue(result.path, `${result.path}: ${where(raw)}${c.field} of ${c.chars.toLocaleString('en-US')} ${unit} cut to ${limitOf(c.field).toLocaleString('en-US')}`, position(raw)));
      }
    }
    result.records = [];
    counts.set(result.path, records.length - before);
  }
  checkAbort(signal);
  return { records, counts };
}

function limitOf(field: 'title' | 'abstract' | 'authors' | 'keywords'): number {
  return field === 'title' ? MAX_TITLE_CHARS : field === 'abstract' ? MAX_ABSTRACT_CHARS : MAX_LIST_ITEMS;
}

function countDuplicates(groups: readonly NormalizedRecord[][]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const group of groups) {
    for (const r of group.slice(1)) counts.set(r.raw.source.path, (counts.get(r.raw.source.path) ?? 0) + 1);
  }
  return counts;
}

function where(raw: RawRecord): string {
  const s = raw.source;
  const key = raw.citationKey ? ` (entry "${raw.citationKey}")` : '';
  return s.line !== undefined ? `line ${s.line}${key}: ` : `record ${s.index + 1}${key}: `;
}

function position(raw: RawRecord): { line?: number; record?: number } {
  return raw.source.line !== undefined ? { line: raw.source.line } : { record: raw.source.index };
}

function checkAbort(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AbortedError('ingest interrupted');
}

async function yieldAndCheck(signal: AbortSignal | undefined): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  checkAbort(signal);
}
