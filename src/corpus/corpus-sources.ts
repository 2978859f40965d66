import path from 'node:path';
import { keyVariant } from './citation-key.js';
import type { IngestReport } from './ingest.js';
import type { Paper } from './paper.js';
import { aliasIds } from './paper-id.js';

/** One input (a file or folder named to `ingest`) of the stored corpus, and the papers it contributed. */
export interface CorpusSource {
  /** Absolute path of the input as it was named. */
  path: string;
  /** Usable records read from it (duplicates included). */
  records: number;
  /** Ids of the stored papers it contributed (a paper several sources hold is listed by each). */
  ids: string[];
}

/** The stored corpus: its papers and where they came from. */
export interface CorpusState {
  papers: Paper[];
  sources: CorpusSource[];
}

/** What adding an ingest to the stored corpus changed. */
export interface CorpusChange {
  state: CorpusState;
  before: number;
  after: number;
  /** Papers of this ingest that were not stored before. */
  added: number;
  /** Papers of this ingest already in the stored corpus (kept, with their key). */
  present: number;
  /** Stored papers dropped because a re-ingested source no longer holds them. */
  removed: number;
  /** Stored ids of this ingest's papers, in the order of `report.papers`. */
  ingestedIds: string[];
  warnings: string[];
}

/** An input as named on the command line (`shown`) and resolved (`abs`). */
export interface NamedInput {
  shown: string;
  abs: string;
}

/**
 * Add an ingest to the stored corpus (`stored` null: start anew). A paper is already present when any of its
 * alias ids (title, abstract, DOI, arXiv id, PMID) is one of a stored paper's: the stored paper, and its key, stay. An
 * input named again replaces its earlier contribution, so a paper it no longer holds (and no other source
 * does) leaves the corpus.
 */
export function addToCorpus(stored: CorpusState | null, report: IngestReport, inputs: readonly NamedInput[]): CorpusChange {
  const renamed = new Set(inputs.map((i) => i.abs));
  const kept = (stored?.sources ?? []).filter((s) => !renamed.has(s.path));
  const byId = new Map((stored?.papers ?? []).map((p) => [p.id, p]));
  const alias = new Map<string, string>();
  for (const p of byId.values()) for (const a of aliasIds(p)) if (!alias.has(a)) alias.set(a, p.id);
  const keys = new Map([...byId.values()].map((p) => [p.key.toLowerCase(), p.id]));
  const warnings: string[] = [];
  let added = 0;
  let present = 0;
  const ingestedIds = report.papers.map((p) => {
    // Computed once per paper (a digest of its abstract): a new key changes none of them.
    const ids = aliasIds(p);
    const known = ids.map((a) => alias.get(a)).find((id) => id !== undefined);
    if (known !== undefined) {
      present++;
      return known;
    }
    added++;
    const paper = keys.has(p.key.toLowerCase()) ? rekey(p, keys, warnings) : p;
    byId.set(paper.id, paper);
    keys.set(paper.key.toLowerCase(), paper.id);
    for (const a of ids) if (!alias.has(a)) alias.set(a, paper.id);
    return paper.id;
  });
  const fresh = inputs.map((input) => sourceOf(input, report, ingestedIds));
  const sources = [...kept, ...fresh].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const held = new Set(sources.flatMap((s) => s.ids));
  const papers = [...byId.values()].filter((p) => held.has(p.id)).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const before = stored?.papers.length ?? 0;
  return { state: { papers, sources }, before, after: papers.length, added, present, removed: before + added - papers.length, ingestedIds, warnings };
}

/** Remove one source: its papers leave unless another source holds them too. Null when no source matches. */
export function removeSource(state: CorpusState, abs: string): { state: CorpusState; removed: number; source: CorpusSource } | null {
  const source = state.sources.find((s) => s.path === abs) ?? state.sources.find((s) => s.path.startsWith(abs + path.sep) && abs !== '');
  if (!source) return null;
  const sources = state.sources.filter((s) => s !== source);
  const held = new Set(sources.flatMap((s) => s.ids));
  const papers = state.papers.filter((p) => held.has(p.id));
  return { state: { papers, sources }, removed: state.papers.length - papers.length, source };
}

/** The papers of `report` that came from this input, by their stored ids. */
function sourceOf(input: NamedInput, report: IngestReport, ingestedIds: readonly string[]): CorpusSource {
  const shown = path.normalize(input.shown);
  // Paths are shown as path.join(input, ...): `.` itself disappears from them.
  const under = (p: string) => {
    const n = path.normalize(p);
    if (shown === '.' || shown === `.${path.sep}`) return !path.isAbsolute(n) && !n.startsWith(`..${path.sep}`) && n !== '..';
    return n === shown || n.startsWith(shown.endsWith(path.sep) ? shown : shown + path.sep);
  };
  const records = report.files.filter((f) => under(f.path)).reduce((n, f) => n + f.records, 0);
  const ids = new Set<string>();
  report.papers.forEach((p, i) => {
    if (p.sources.some((s) => under(s.path))) ids.add(ingestedIds[i]!);
  });
  return { path: input.abs, records, ids: [...ids].sort() };
}

/** A new paper whose key a stored paper holds: the first free variant, with a warning. */
function rekey(p: Paper, keys: ReadonlyMap<string, string>, warnings: string[]): Paper {
  let n = 1;
  let key = keyVariant(p.key, n);
  while (keys.has(key.toLowerCase())) key = keyVariant(p.key, ++n);
  warnings.push(`citation key "${p.key}" already belongs to a stored paper; "${p.title.slice(0, 60)}" is cited as "${key}"`);
  return { ...p, key };
}

/** A corpus stored before sources were recorded: one source holding every paper. */
export function legacySources(papers: readonly Paper[]): CorpusSource[] {
  const records = papers.reduce((n, p) => n + p.sources.length, 0);
  return [{ path: '(earlier ingest)', records, ids: papers.map((p) => p.id).sort() }];
}
