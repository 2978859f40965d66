import { parseDate } from '../dates.js';
import type { RawRecord } from '../paper.js';
import { text } from './field-map.js';
import { skippedIssue, type ReadResult } from './reader.js';

type Obj = Record<string, unknown>;

/** True when the text is an Atom feed (the arXiv API answers with one). */
export function looksLikeAtom(text: string): boolean {
  const head = text.trimStart().slice(0, 4096);
  return head.startsWith('<') && /<feed[\s>]/.test(head);
}

/** True for any XML document (used to give non-Atom XML a clear reason). */
export function looksLikeXml(text: string): boolean {
  return /^<(\?xml|[A-Za-z!])/.test(text.trimStart());
}

const ARRAYS = new Set(['entry', 'author', 'link', 'category']);

/** arXiv API Atom feeds (and other Atom feeds whose entries have a title and a summary), via fast-xml-parser (loaded on first use). */
export async function readArxivAtom(xml: string, path: string): Promise<ReadResult> {
  const { XMLParser, XMLValidator } = await import('fast-xml-parser');
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    const { line, msg } = valid.err;
    return { format: 'arxiv', records: [], issues: [skippedIssue(path, `line ${line}: malformed XML (${msg})`, { line })] };
  }
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    removeNSPrefix: true,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    isArray: (name) => ARRAYS.has(name),
  });
  const doc = parser.parse(xml) as Obj;
  const feed = doc.feed as Obj | undefined;
  const entries = (feed?.entry as Obj[] | undefined) ?? [];
  const records = entries.map((e, index) => entryRecord(e, path, index));
  return { format: 'arxiv', records, issues: [] };
}

function entryRecord(e: Obj, path: string, index: number): RawRecord {
  const rec: RawRecord = { source: { path, format: 'arxiv', index } };
  const title = nodeText(e.title);
  if (title) rec.title = title;
  const abstract = nodeText(e.summary) ?? nodeText(e.content);
  if (abstract) rec.abstract = abstract;
  const authors = ((e.author as Obj[] | undefined) ?? []).map((a) => nodeText(a.name)).filter((n): n is string => !!n);
  if (authors.length > 0) rec.authors = authors;
  const dated = parseDate(nodeText(e.published) ?? nodeText(e.updated));
  if (dated.year !== undefined) rec.year = dated.year;
  if (dated.date) rec.date = dated.date;
  const id = nodeText(e.id);
  const arxiv = id ? /arxiv\.org\/abs\/([^\s?#]+)/i.exec(id)?.[1] : undefined;
  if (arxiv) rec.arxivId = arxiv;
  const doi = nodeText(e.doi);
  if (doi) rec.doi = doi;
  const venue = nodeText(e.journal_ref);
  if (venue) rec.venue = venue;
  const links = (e.link as Obj[] | undefined) ?? [];
  const alternate = links.find((l) => l['@_rel'] === 'alternate') ?? links[0];
  const url = (alternate && text(alternate['@_href'])) ?? id;
  if (url) rec.url = url;
  const categories = ((e.category as Obj[] | undefined) ?? []).map((c) => text(c['@_term'])).filter((c): c is string => !!c);
  if (categories.length > 0) rec.keywords = categories;
  return rec;
}

function nodeText(v: unknown): string | undefined {
  if (typeof v === 'string') return v.trim() || undefined;
  if (v && typeof v === 'object' && '#text' in (v as Obj)) return nodeText((v as Obj)['#text']);
  return undefined;
}
