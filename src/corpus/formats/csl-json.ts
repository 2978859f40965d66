import { authorNames } from '../authors.js';
import { toYear } from '../dates.js';
import type { RawRecord, SourceRef } from '../paper.js';
import { text } from './field-map.js';

type Obj = Record<string, unknown>;

/**
 * A CSL-JSON item (Zotero's and pandoc's export, citeproc's input): an `issued` / `author` in CSL's shape
 * (`date-parts`, `family`/`given`/`literal`), or a CSL `type` with `container-title`.
 */
export function isCslItem(o: Obj): boolean {
  const issued = o.issued as Obj | undefined;
  if (issued && typeof issued === 'object' && ('date-parts' in issued || 'literal' in issued || 'raw' in issued)) return true;
  if (Array.isArray(o.author) && o.author.some((a) => a && typeof a === 'object' && ('family' in a || 'literal' in a))) return true;
  return typeof o.type === 'string' && ('container-title' in o || 'citation-key' in o);
}

/** The record of a CSL-JSON item: title, abstract, authors, issued date, DOI, PMID, container title, the id as citation key. */
export function cslRecord(o: Obj, source: SourceRef): RawRecord {
  const rec: RawRecord = { source: { ...source, format: 'csljson' } };
  const title = text(o.title);
  if (title) rec.title = title;
  const abstract = text(o.abstract);
  if (abstract) rec.abstract = abstract;
  const authors = authorNames(o.author);
  if (authors.length > 0) rec.authors = authors;
  const { year, date } = issuedDate(o.issued);
  if (year !== undefined) rec.year = year;
  if (date) rec.date = date;
  const venue = text(o['container-title']) ?? text(o['collection-title']);
  if (venue) rec.venue = venue;
  const doi = text(o.DOI ?? o.doi);
  if (doi) rec.doi = doi;
  const url = text(o.URL ?? o.url);
  if (url) rec.url = url;
  const pmid = text(o.PMID ?? o.pmid) ?? notePmid(o.note);
  if (pmid) rec.pmid = pmid;
  const key = text(o['citation-key']) ?? (typeof o.id === 'string' || typeof o.id === 'number' ? String(o.id) : undefined);
  if (key && /^\S+$/.test(key)) rec.citationKey = key;
  const keywords = typeof o.keyword === 'string' ? o.keyword.split(/\s*[;,]\s*/).filter(Boolean) : [];
  if (keywords.length > 0) rec.keywords = keywords;
  return rec;
}

/** A `PMID: 123` line of the item's note (Zotero's PubMed import writes it into Extra, which CSL-JSON exports as `note`). */
function notePmid(note: unknown): string | undefined {
  if (typeof note !== 'string') return undefined;
  return /^\s*PMID:\s*(\d+)\s*$/im.exec(note)?.[1];
}

/** `{"date-parts": [[2023, 5, 2]]}` (numbers or strings), or `{"raw": "2023-05"}` / `{"literal": "2023"}`. */
function issuedDate(issued: unknown): { year?: number; date?: string } {
  if (!issued || typeof issued !== 'object') return {};
  const o = issued as Obj;
  const parts = Array.isArray(o['date-parts']) ? (o['date-parts'][0] as unknown) : undefined;
  if (Array.isArray(parts) && parts.length > 0) {
    const [y, m, d] = parts.map((x) => Number(x));
    const year = toYear(y);
    if (year === undefined) return {};
    const pad = (n: number) => String(n).padStart(2, '0');
    const month = m !== undefined && Number.isInteger(m) && m >= 1 && m <= 12 ? m : undefined;
    const day = month !== undefined && d !== undefined && Number.isInteger(d) && d >= 1 && d <= 31 ? d : undefined;
    const date = month === undefined ? undefined : day === undefined ? `${year}-${pad(month)}` : `${year}-${pad(month)}-${pad(day)}`;
    return date ? { year, date } : { year };
  }
  const raw = text(o.raw ?? o.literal);
  const m = raw ? /\b(1\d{3}|2\d{3})\b/.exec(raw) : null;
  return m ? { year: Number(m[1]) } : {};
}
