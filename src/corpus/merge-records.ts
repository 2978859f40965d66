import type { NormalizedRecord } from './normalize-record.js';
import type { Paper } from './paper.js';

/** A merged paper before it gets its id and citation key. */
export type MergedPaper = Omit<Paper, 'id' | 'key'> & {
  citationKey?: string;
  /** Identity material already computed for the chosen title and abstract (see paper-id.ts). */
  titleMatch?: string;
  abstractId?: string;
};

/**
 * Merge one duplicate group (richest record first) into a paper: the winner's fields, gaps filled from the
 * others in order, the longest abstract, the longest author list, keywords united, the first BibTeX key and
 * entry. `sources` lists every record, the winner first.
 */
export function mergeGroup(group: readonly NormalizedRecord[]): MergedPaper {
  const [winner, ...others] = group;
  if (!winner) throw new Error('mergeGroup: empty group');
  const all = [winner, ...others];
  const titled = all.find((r) => !r.titleDerived);
  const longest = all.reduce((best, r) => (r.abstract.length > best.abstract.length ? r : best), winner);
  const abstract = longest.abstract;
  const authors = all.reduce<string[]>((best, r) => (r.authors.length > best.length ? r.authors : best), []);
  const first = <T>(get: (r: NormalizedRecord) => T | undefined): T | undefined => {
    for (const r of all) {
      const v = get(r);
      if (v !== undefined) return v;
    }
    return undefined;
  };
  const paper: MergedPaper = {
    title: titled ? titled.title : winner.title,
    titleDerived: !titled,
    abstract,
    authors,
    sources: all.map((r) => r.raw.source),
  };
  if (titled?.titleMatch !== undefined) paper.titleMatch = titled.titleMatch;
  if (longest.abstractId !== undefined) paper.abstractId = longest.abstractId;
  assign(paper, 'authorCount', first((r) => r.raw.authorCount));
  const dated = all.find((r) => r.raw.date !== undefined);
  assign(paper, 'year', dated?.raw.year ?? first((r) => r.raw.year));
  assign(paper, 'date', dated?.raw.date);
  if (!paper.date) assign(paper, 'dateText', first((r) => r.raw.dateText));
  assign(paper, 'venue', first((r) => r.venue));
  assign(paper, 'doi', first((r) => r.doi));
  assign(paper, 'arxivId', first((r) => r.arxivId));
  assign(paper, 'pmid', first((r) => r.pmid));
  assign(paper, 'url', first((r) => r.raw.url?.trim() || undefined));
  assign(paper, 'upvotes', first((r) => r.raw.upvotes));
  const keywords = [...new Set(all.flatMap((r) => r.keywords ?? []))];
  if (keywords.length > 0) paper.keywords = keywords;
  const bib = all.find((r) => r.raw.citationKey);
  if (bib?.raw.citationKey) paper.citationKey = bib.raw.citationKey;
  if (bib?.raw.bibtex) paper.bibtex = bib.raw.bibtex;
  if (bib?.raw.bibtexStrings?.length) paper.bibtexStrings = bib.raw.bibtexStrings;
  return paper;
}

function assign<K extends keyof MergedPaper>(paper: MergedPaper, key: K, value: MergedPaper[K] | undefined): void {
  if (value !== undefined) paper[key] = value;
}
