import { cleanText, matchKey } from './clean-text.js';
import { contentDigest, idFromDigest } from './content-digest.js';
import { deriveTitle } from './derive-title.js';
import { cutField, MAX_ABSTRACT_CHARS, MAX_LIST_ITEMS, MAX_OTHER_FIELD_CHARS, MAX_TITLE_CHARS, preCut } from './field-limits.js';
import { arxivKey, cleanArxivId, cleanDoi, cleanPmid, isArxivDoi, pubmedUrlPmid } from './identifiers.js';
import type { RawRecord } from './paper.js';

/** A record after normalisation: clean text, derived title when needed, and the keys dedupe matches on. */
export interface NormalizedRecord {
  raw: RawRecord;
  title: string;
  titleDerived: boolean;
  abstract: string;
  authors: string[];
  venue?: string;
  doi?: string;
  arxivId?: string;
  /** Valid PMID (see cleanPmid), from the record's PMID field or its PubMed URL. */
  pmid?: string;
  keywords?: string[];
  /** matchKey of a real title (absent for derived titles). */
  titleMatch?: string;
  /** The title's matching form when it may merge records (absent for very short or generic titles). */
  titleKey?: string;
  /** The id the abstract alone gives (see paper-id.ts). */
  abstractId?: string;
  /** Full digest of the matching form of a substantial abstract: merges records. */
  abstractKey?: string;
  doiKey?: string;
  arxivKey?: string;
  /** How much metadata the record carries; the richest record of a duplicate group wins. */
  richness: number;
  /** Fields cut to their size limit (see field-limits.ts), with their length before the cut. */
  cut?: { field: 'title' | 'abstract' | 'authors' | 'keywords'; chars: number }[];
}

/** Titles that name a kind of text, not a paper: never used to merge records. */
const GENERIC_TITLES = new Set([
  'introduction', 'editorial', 'preface', 'foreword', 'abstract', 'untitled', 'erratum', 'corrigendum', 'reply',
  'response', 'commentary', 'bookreview', 'letter', 'lettertotheeditor', 'conclusion', 'index', 'notitle',
]);
const MIN_TITLE_KEY = 6;
const MIN_ABSTRACT_KEY = 80;

/** Normalise one record, or say why it cannot be used. */
export function normalizeRecord(raw: RawRecord): NormalizedRecord | { skip: string } {
  const cut: NonNullable<NormalizedRecord['cut']> = [];
  const bounded = (field: 'title' | 'abstract', value: string, limit: number): string => {
    const r = cutField(value, limit);
    if (r.cut) cut.push({ field, chars: Math.max(value.length, (field === 'title' ? raw.title : raw.abstract)?.length ?? 0) });
    return r.value;
  };
  const boundedList = (field: 'authors' | 'keywords', list: readonly string[] | undefined): readonly string[] => {
    if (!list || list.length <= MAX_LIST_ITEMS) return list ?? [];
    cut.push({ field, chars: list.length });
    return list.slice(0, MAX_LIST_ITEMS);
  };
  const realTitle = raw.title ? bounded('title', cleanText(preCut(raw.title, MAX_TITLE_CHARS)), MAX_TITLE_CHARS) : '';
  const abstractText = raw.abstract ? cleanText(preCut(raw.abstract, MAX_ABSTRACT_CHARS)).replace(/^(?:abstract|summary)\s*[:.—–-]\s*/i, '') : '';
  const abstract = bounded('abstract', abstractText, MAX_ABSTRACT_CHARS);
  if (!realTitle && !abstract) return { skip: 'record has neither title nor abstract' };
  if (isLooseText(raw, realTitle, abstract)) return { skip: 'not a paper record (a short text with no abstract or bibliographic field)' };
  const titleDerived = realTitle === '';
  const title = titleDerived ? deriveTitle(abstract) : realTitle;
  const rec: NormalizedRecord = {
    raw,
    title,
    titleDerived,
    abstract,
    authors: boundedList('authors', raw.authors).map((a) => cleanOther(a)).filter(Boolean),
    richness: 0,
  };
  if (cut.length > 0) rec.cut = cut;
  if (raw.venue) rec.venue = cleanOther(raw.venue) || undefined;
  rec.doi = cleanDoi(raw.doi);
  rec.arxivId = cleanArxivId(raw.arxivId) ?? (rec.doi && isArxivDoi(rec.doi) ? cleanArxivId(rec.doi.replace(/^10\.48550\/arxiv\./i, '')) : undefined);
  const pmid = cleanPmid(raw.pmid) ?? pubmedUrlPmid(raw.url);
  if (pmid) rec.pmid = pmid;
  const keywords = [...new Set(boundedList('keywords', raw.keywords).map((k) => cleanOther(k)).filter(Boolean))];
  if (keywords.length > 0) rec.keywords = keywords;
  if (!titleDerived) {
    const key = matchKey(title);
    rec.titleMatch = key;
    if (key.length >= MIN_TITLE_KEY && !GENERIC_TITLES.has(key)) rec.titleKey = key;
  }
  if (abstract !== '') {
    const { digest, length } = contentDigest('a:', abstract);
    rec.abstractId = idFromDigest(digest);
    if (length >= MIN_ABSTRACT_KEY) rec.abstractKey = digest.toString('base64');
  }
  if (rec.doi) rec.doiKey = rec.doi.toLowerCase();
  if (rec.arxivId) rec.arxivKey = arxivKey(rec.arxivId);
  rec.richness = richness(rec);
  return rec;
}

/** A short field (author, venue, keyword) cleaned and bounded. */
function cleanOther(value: string): string {
  return cutField(cleanText(preCut(value, MAX_OTHER_FIELD_CHARS)), MAX_OTHER_FIELD_CHARS).value;
}

/** Minimum words of an abstract-only text record to be a paper (a note such as "just some notes" is not). */
const MIN_LOOSE_ABSTRACT_WORDS = 12;

/**
 * A plain-text record that carries nothing of a paper: no bibliographic field (authors, date, DOI, URL, key)
 * and either a title with no abstract, or only a few words.
 */
function isLooseText(raw: RawRecord, title: string, abstract: string): boolean {
  if (raw.source.format !== 'text') return false;
  if (raw.authors?.length || raw.year !== undefined || raw.date || raw.doi || raw.url || raw.arxivId || raw.citationKey || raw.venue) return false;
  if (abstract === '') return true;
  return title === '' && abstract.split(/\s+/).length < MIN_LOOSE_ABSTRACT_WORDS;
}

/** A PMID is not scored: which record wins (and so the paper's title and id) does not depend on whether it has one. */
function richness(r: NormalizedRecord): number {
  const raw = r.raw;
  let score = 0;
  if (!r.titleDerived) score += 4;
  if (r.abstract) score += 3;
  if (raw.citationKey) score += 3;
  if (r.authors.length > 0) score += 2;
  if (r.doi) score += 2;
  if (raw.year !== undefined) score += 1;
  if (raw.date) score += 1;
  if (r.venue) score += 1;
  if (r.arxivId) score += 1;
  if (raw.url) score += 1;
  if (r.keywords) score += 1;
  if (raw.authorCount !== undefined) score += 0.5;
  if (raw.upvotes !== undefined) score += 0.5;
  if (raw.dateText) score += 0.25;
  return score;
}
