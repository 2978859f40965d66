import { authorNames } from '../authors.js';
import { toYear } from '../dates.js';
import type { RawRecord, SourceRef } from '../paper.js';
import { text } from './field-map.js';

type Obj = Record<string, unknown>;

/** An OpenAlex work: it has an inverted-index abstract or an `https://openalex.org/W...` id. */
export function isOpenAlexWork(o: Obj): boolean {
  return 'abstract_inverted_index' in o || (typeof o.id === 'string' && /^https?:\/\/openalex\.org\/W\d+/i.test(o.id));
}

/**
 * Rebuild an abstract from OpenAlex's `abstract_inverted_index` (`{ word: [positions] }`).
 * Positions are bounded so a malformed index cannot allocate without limit.
 */
export function rebuildAbstract(index: unknown): string | undefined {
  if (!index || typeof index !== 'object') return undefined;
  const words: string[] = [];
  for (const [word, positions] of Object.entries(index as Obj)) {
    if (!Array.isArray(positions)) continue;
    for (const p of positions) {
      if (Number.isInteger(p) && p >= 0 && p < 100_000) words[p as number] = word;
    }
  }
  const out = words.filter((w) => w !== undefined).join(' ');
  return out === '' ? undefined : out;
}

/** The record of one OpenAlex work. */
export function openAlexRecord(o: Obj, source: SourceRef): RawRecord {
  const rec: RawRecord = { source };
  const title = text(o.title ?? o.display_name);
  if (title) rec.title = title;
  const abstract = rebuildAbstract(o.abstract_inverted_index) ?? text(o.abstract);
  if (abstract) rec.abstract = abstract;
  const authors = authorNames(o.authorships ?? o.authors);
  if (authors.length > 0) rec.authors = authors;
  const year = toYear(o.publication_year);
  if (year !== undefined) rec.year = year;
  const date = text(o.publication_date);
  if (date && /^\d{4}-\d{2}(-\d{2})?$/.test(date)) rec.date = date;
  const primary = obj(o.primary_location);
  const venue = text(obj(primary?.source)?.display_name ?? obj(o.host_venue)?.display_name);
  if (venue) rec.venue = venue;
  const doi = text(o.doi ?? obj(o.ids)?.doi);
  if (doi) rec.doi = doi;
  const pmid = text(obj(o.ids)?.pmid);
  if (pmid) rec.pmid = pmid;
  const url = text(primary?.landing_page_url ?? o.doi ?? o.id);
  if (url) rec.url = url;
  const arxiv = arxivFromLocations(o.locations);
  if (arxiv) rec.arxivId = arxiv;
  const keywords = Array.isArray(o.keywords) ? o.keywords.map((k) => text(obj(k)?.display_name ?? obj(k)?.keyword ?? k)).filter((k): k is string => !!k) : [];
  if (keywords.length > 0) rec.keywords = keywords;
  return rec;
}

function arxivFromLocations(locations: unknown): string | undefined {
  if (!Array.isArray(locations)) return undefined;
  for (const loc of locations) {
    const url = text(obj(loc)?.landing_page_url);
    const m = url ? /arxiv\.org\/abs\/([^\s?#]+)/i.exec(url) : null;
    if (m) return m[1];
  }
  return undefined;
}

function obj(v: unknown): Obj | undefined {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined;
}
