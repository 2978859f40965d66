import { matchKey } from '../corpus/clean-text.js';
import { cleanDoi } from '../corpus/identifiers.js';
import type { RunPaper } from '../runs/run-record.js';
import type { GoldRow } from './gold-label.js';

/** A gold row and the run paper it names. */
export interface GoldMatch {
  gold: GoldRow;
  paper: RunPaper;
}

export interface UnmatchedRow {
  where: string;
  /** What the row named the paper by, as written (`key=…`, `title=…`). */
  ref: string;
}

export interface GoldMatching {
  matched: GoldMatch[];
  unmatched: UnmatchedRow[];
  /** Rows naming a paper an earlier row already named (the later row wins). */
  duplicates: string[];
}

/**
 * Match gold rows to a run's papers by key, id, doi or title, in that order (the first that finds a
 * paper wins). Keys and ids match exactly or up to case; DOIs in their clean form, up to case; titles
 * in the matching form dedupe uses (case, accents, punctuation and braces folded). Nothing is dropped
 * silently: every row is matched, unmatched, or a duplicate of a matched one.
 */
export function matchGold(rows: readonly GoldRow[], papers: readonly RunPaper[]): GoldMatching {
  const byKey = new Map<string, RunPaper>();
  const byId = new Map<string, RunPaper>();
  const byDoi = new Map<string, RunPaper>();
  const byTitle = new Map<string, RunPaper>();
  for (const p of papers) {
    setFirst(byKey, p.key.toLowerCase(), p);
    setFirst(byId, p.id.toLowerCase(), p);
    const doi = cleanDoi(p.doi);
    if (doi) setFirst(byDoi, doi.toLowerCase(), p);
    const t = matchKey(p.title);
    if (t) setFirst(byTitle, t, p);
  }
  const found = new Map<string, GoldMatch>();
  const unmatched: UnmatchedRow[] = [];
  const duplicates: string[] = [];
  for (const row of rows) {
    const { key, id, doi, title } = row.ref;
    const paper =
      (key !== undefined ? byKey.get(key.toLowerCase()) : undefined) ??
      (id !== undefined ? byId.get(id.toLowerCase()) : undefined) ??
      (doi !== undefined ? byDoi.get((cleanDoi(doi) ?? doi).toLowerCase()) : undefined) ??
      (title !== undefined ? byTitle.get(matchKey(title)) : undefined);
    if (!paper) {
      unmatched.push({ where: row.where, ref: describeRef(row.ref) });
      continue;
    }
    const earlier = found.get(paper.id);
    if (earlier) {
      duplicates.push(`${row.where}: names the same paper as ${earlier.gold.where} (${paper.key}); the later row is used`);
      found.delete(paper.id);
    }
    found.set(paper.id, { gold: row, paper });
  }
  return { matched: [...found.values()], unmatched, duplicates };
}

function setFirst<K, V>(map: Map<K, V>, key: K, value: V): void {
  if (!map.has(key)) map.set(key, value);
}

export function describeRef(ref: GoldRow['ref']): string {
  return Object.entries(ref)
    .map(([k, v]) => `${k}=${v.length > 60 ? `${v.slice(0, 57)}...` : v}`)
    .join(', ');
}
