import { authorNames } from '../authors.js';
import { parseDate, toYear } from '../dates.js';
import type { RawRecord } from '../paper.js';

/** RawRecord fields a column or JSON property can fill. */
export type MappedField =
  | 'title' | 'abstract' | 'authors' | 'year' | 'date' | 'venue' | 'doi' | 'url' | 'keywords'
  | 'citationKey' | 'arxivId' | 'pmid' | 'upvotes' | 'authorCount';

/**
 * Column / property names per field, in order of preference, in matching form (lower case, letters and digits
 * only: `Abstract Note` -> `abstractnote`). Covers Zotero, Scopus, Web of Science, Semantic Scholar, CrossRef,
 * Hugging Face, PubMed (`PMID`, `PubMed ID`) and RIS-style tag names.
 */
export const SYNONYMS: Record<MappedField, string[]> = {
  title: ['title', 'ti', 't1', 'articletitle', 'documenttitle', 'papertitle', 'primarytitle', 'displayname', 'name'],
  abstract: ['abstract', 'ab', 'n2', 'abstractnote', 'summary', 'abstracttext', 'paperabstract', 'description'],
  authors: ['authors', 'author', 'au', 'a1', 'af', 'authorfullnames', 'authorsfullnames', 'authornames', 'creators', 'creator', 'authorlist', 'authorships'],
  year: ['year', 'py', 'publicationyear', 'pubyear', 'yr'],
  date: ['date', 'publicationdate', 'publishedat', 'published', 'pubdate', 'datepublished', 'da', 'pd', 'y1', 'issued'],
  venue: ['venue', 'journal', 'journaltitle', 'sourcetitle', 'so', 'jo', 'jf', 't2', 'publicationtitle', 'booktitle', 'conference', 'containertitle', 'source'],
  doi: ['doi', 'di', 'do'],
  url: ['url', 'link', 'ur', 'absurl', 'landingpageurl', 'pdfurl', 'href'],
  keywords: ['keywords', 'kw', 'de', 'authorkeywords', 'keyword', 'tags', 'manualtags', 'subjects', 'topics'],
  citationKey: ['citationkey', 'citekey', 'bibtexkey', 'bibkey', 'bibtexid'],
  arxivId: ['arxivid', 'arxiv', 'eprint'],
  pmid: ['pmid', 'pubmedid'],
  upvotes: ['upvotes', 'votes'],
  authorCount: ['authorcount', 'numauthors', 'nauthors'],
};

/** Columns named by the user (`--map title="Paper Name"`): field -> column or property name. */
export type ColumnMap = Partial<Record<MappedField, string>>;

/** Fields `--map` accepts, with the name the user types (`key` is the citation key). */
export const MAPPABLE_FIELDS: Record<string, MappedField> = {
  title: 'title', abstract: 'abstract', authors: 'authors', year: 'year', date: 'date', venue: 'venue', doi: 'doi',
  url: 'url', keywords: 'keywords', key: 'citationKey', pmid: 'pmid',
};

/** The `--map` settings (user field names such as `key`) as a ColumnMap. */
export function toColumnMap(map: Readonly<Record<string, string>>): ColumnMap {
  const out: ColumnMap = {};
  for (const [name, column] of Object.entries(map)) {
    const field = MAPPABLE_FIELDS[name];
    if (field) out[field] = column;
  }
  return out;
}

/** Matching form of a column or property name. */
export function fieldName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/**
 * For each field, the names (from `names`) that fill it, best first. A name fills one field only,
 * the first that lists it.
 */
export function resolveFields(names: readonly string[], columnMap: ColumnMap = {}): Map<MappedField, number[]> {
  const normalised = names.map(fieldName);
  const used = new Set<number>();
  const out = new Map<MappedField, number[]>();
  // Columns the user named win: exact name first, then the same name up to case and punctuation.
  for (const [field, column] of Object.entries(columnMap) as [MappedField, string][]) {
    let i = names.indexOf(column);
    if (i < 0) i = normalised.indexOf(fieldName(column));
    if (i < 0 || used.has(i)) continue;
    used.add(i);
    out.set(field, [i]);
  }
  for (const field of Object.keys(SYNONYMS) as MappedField[]) {
    if (columnMap[field] !== undefined && out.has(field)) continue;
    const indexes: number[] = [];
    for (const synonym of SYNONYMS[field]) {
      normalised.forEach((n, i) => {
        if (n === synonym && !used.has(i)) indexes.push(i);
      });
    }
    indexes.forEach((i) => used.add(i));
    if (indexes.length > 0) out.set(field, indexes);
  }
  return out;
}

/** True when the names can describe papers (a title or an abstract column). */
export function hasPaperFields(fields: Map<MappedField, number[]>): boolean {
  return fields.has('title') || fields.has('abstract');
}

/** Fill a record from values looked up by field (the first non-empty candidate wins). */
export function mapValues(fields: Map<MappedField, number[]>, valueAt: (index: number) => unknown): Omit<RawRecord, 'source'> {
  const pick = (field: MappedField): unknown => {
    for (const i of fields.get(field) ?? []) {
      const v = valueAt(i);
      if (!isEmpty(v)) return v;
    }
    return undefined;
  };
  const rec: Omit<RawRecord, 'source'> = {};
  const title = text(pick('title'));
  if (title) rec.title = title;
  const abstract = text(pick('abstract'));
  if (abstract) rec.abstract = abstract;
  const authors = authorNames(pick('authors'));
  if (authors.length > 0) rec.authors = authors;
  const dated = parseDate(pick('date'));
  const year = toYear(pick('year')) ?? parseDate(pick('year')).year ?? dated.year;
  if (year !== undefined) rec.year = year;
  if (dated.date && (year === undefined || dated.date.startsWith(String(year)))) rec.date = dated.date;
  const venue = text(pick('venue'));
  if (venue) rec.venue = venue;
  const doi = text(pick('doi'));
  if (doi) rec.doi = doi;
  const url = text(pick('url'));
  if (url) rec.url = url;
  const keywords = list(pick('keywords'));
  if (keywords.length > 0) rec.keywords = keywords;
  const key = text(pick('citationKey'));
  if (key && /^\S+$/.test(key)) rec.citationKey = key;
  const arxiv = text(pick('arxivId'));
  if (arxiv) rec.arxivId = arxiv;
  const pmid = text(pick('pmid'));
  if (pmid) rec.pmid = pmid;
  const upvotes = toCount(pick('upvotes'));
  if (upvotes !== undefined) rec.upvotes = upvotes;
  const count = toCount(pick('authorCount'));
  if (count !== undefined) rec.authorCount = count;
  return rec;
}

function isEmpty(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);
}

/** A text value: strings as they are, numbers printed, arrays of strings joined (CrossRef puts titles in arrays). */
export function text(v: unknown): string | undefined {
  if (typeof v === 'string') return v.trim() || undefined;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (Array.isArray(v)) {
    const parts = v.map((x) => text(x)).filter((x): x is string => !!x);
    return parts.length > 0 ? parts.join(' ') : undefined;
  }
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return text(o.display_name ?? o.name ?? o.value ?? o.text);
  }
  return undefined;
}

function list(v: unknown): string[] {
  if (typeof v === 'string') return v.split(/\s*[;,|]\s*/).map((s) => s.trim()).filter(Boolean);
  if (Array.isArray(v)) return v.map((x) => text(x)).filter((x): x is string => !!x);
  return [];
}

function toCount(v: unknown): number | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v.trim()) : NaN;
  return Number.isInteger(n) && n >= 0 ? n : undefined;
}
