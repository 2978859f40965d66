import { isArxivDoi } from './identifiers.js';
import type { NormalizedRecord } from './normalize-record.js';

/**
 * Group records that are the same paper: the same title (after case, punctuation, braces and accents are
 * folded), the same substantial abstract, the same DOI, the same PubMed id (PMID) or the same arXiv id. Linear
 * time (hash maps and a union-find). Two groups are not joined when each has a publisher DOI and they share
 * none, or each has a PMID and they share none (same title, different papers), unless they share the other
 * identifier. Records are visited richest first, in a fixed order, so the grouping does not depend on the order
 * the files were given in.
 *
 * Returns the groups, each sorted richest first (its first record wins).
 */
export function groupDuplicates(records: readonly NormalizedRecord[]): NormalizedRecord[][] {
  const order = [...records].sort(compareRecords);
  const parent = order.map((_, i) => i);
  const dois = order.map((r) => (r.doi && !isArxivDoi(r.doi) ? new Set([r.doi.toLowerCase()]) : null));
  const pmids = order.map((r) => (r.pmid ? new Set([r.pmid]) : null));
  const find = (i: number): number => {
    let root = i;
    while (parent[root] !== root) root = parent[root]!;
    while (parent[i] !== root) {
      const next = parent[i]!;
      parent[i] = root;
      i = next;
    }
    return root;
  };
  const union = (a: number, b: number): void => {
    const ra = find(a);
    const rb = find(b);
    if (ra === rb) return;
    const doi = compare(dois[ra], dois[rb]);
    const pmid = compare(pmids[ra], pmids[rb]);
    if ((doi === 'conflict' || pmid === 'conflict') && doi !== 'shared' && pmid !== 'shared') return;
    const [keep, drop] = ra < rb ? [ra, rb] : [rb, ra];
    parent[drop] = keep;
    if (dois[drop]) dois[keep] = new Set([...(dois[keep] ?? []), ...dois[drop]!]);
    if (pmids[drop]) pmids[keep] = new Set([...(pmids[keep] ?? []), ...pmids[drop]!]);
  };
  const seen = {
    title: new Map<string, number>(),
    abstract: new Map<string, number>(),
    doi: new Map<string, number>(),
    pmid: new Map<string, number>(),
    arxiv: new Map<string, number>(),
  };
  const link = (map: Map<string, number>, key: string | undefined, i: number) => {
    if (key === undefined) return;
    const first = map.get(key);
    if (first === undefined) map.set(key, i);
    else union(first, i);
  };
  order.forEach((r, i) => {
    link(seen.doi, r.doiKey, i);
    link(seen.pmid, r.pmid, i);
    link(seen.arxiv, r.arxivKey, i);
    link(seen.title, r.titleKey, i);
    link(seen.abstract, r.abstractKey, i);
  });
  const groups = new Map<number, NormalizedRecord[]>();
  order.forEach((r, i) => {
    const root = find(i);
    const group = groups.get(root);
    if (group) group.push(r);
    else groups.set(root, [r]);
  });
  return [...groups.values()];
}

/** Two groups' identifiers of one kind: one in common, none in common, or one side has none. */
function compare(a: Set<string> | null | undefined, b: Set<string> | null | undefined): 'shared' | 'conflict' | 'unknown' {
  if (!a || !b) return 'unknown';
  for (const x of a) if (b.has(x)) return 'shared';
  return 'conflict';
}

/** Richest first; ties broken by format preference, abstract length, then source position. */
export function compareRecords(a: NormalizedRecord, b: NormalizedRecord): number {
  return (
    b.richness - a.richness ||
    FORMAT_RANK[a.raw.source.format] - FORMAT_RANK[b.raw.source.format] ||
    b.abstract.length - a.abstract.length ||
    (a.raw.source.path < b.raw.source.path ? -1 : a.raw.source.path > b.raw.source.path ? 1 : 0) ||
    a.raw.source.index - b.raw.source.index
  );
}

const FORMAT_RANK: Record<NormalizedRecord['raw']['source']['format'], number> = {
  bibtex: 0, ris: 1, medline: 1, csljson: 1, openalex: 2, arxiv: 3, csv: 4, tsv: 4, json: 5, jsonl: 5, text: 6, listing: 7,
};
