import type { Creator, Entry, Library } from '@retorquere/bibtex-parser';
import { parseDate, toYear } from '../dates.js';
import type { InputIssue, RawRecord } from '../paper.js';
import { definitionsUsed, stringDefinitions } from './bibtex-strings.js';
import { applyBibtexBudgets } from './bibtex-budget.js';
import { maskField, maskedContent, unmaskSource, type Masked } from './bibtex-mask.js';
import { lineIndex, skippedIssue, warningIssue, type ReadResult } from './reader.js';

const ENTRY_START = /^[ \t]*@[ \t]*([A-Za-z]+)[ \t]*[{(]/m;

/** True when the text holds BibTeX entries (`@article{key,`, `@string{`, `@comment{` at a line start). */
export function looksLikeBibtex(text: string): boolean {
  return ENTRY_START.test(text.slice(0, 65_536));
}

/**
 * BibTeX / BibLaTeX through @retorquere/bibtex-parser (loaded on first use): `@string` macros, `@comment`,
 * LaTeX accents and braces decoded, the user's own keys kept, the original entry text kept in `bibtex`.
 * An entry the parser rejects (unbalanced braces, ...) is skipped with its line; the others are read.
 */
export async function readBibtex(original: string, path: string): Promise<ReadResult> {
  const { parse } = await import('@retorquere/bibtex-parser');
  // Macros and entries beyond the parser budgets are blanked out (and named) before the parser sees them.
  const { text, issues } = applyBibtexBudgets(original, path);
  let library: Library;
  const masked = maskField(text);
  try {
    // raw: the parser resolves structure and @string macros only; every field's LaTeX is decoded once, by
    // litrev's own decoder (normalizeRecord), as for every other format.
    library = parse(masked.text, { raw: true, english: false, sentenceCase: false, caseProtection: false, unsupported: 'ignore' });
  } catch (err) {
    issues.push(skippedIssue(path, `BibTeX could not be parsed: ${firstLine((err as Error).message)}`));
    return { format: 'bibtex', records: [], issues };
  }
  const lineOf = lineIndex(text);
  const locate = locator(text, lineOf);
  for (const error of library.errors) {
    const input = error.input ? unmaskSource(error.input, masked.values) : '';
    const line = input ? locate(input) : undefined;
    const key = input ? /@\s*\w+\s*[{(]\s*([^,\s]*)/.exec(input)?.[1] : undefined;
    const what = key ? `entry "${key}"` : 'entry';
    issues.push(skippedIssue(path, `${line ? `line ${line}: ` : ''}${what} skipped: ${describe(error.error)}`, { line }));
  }
  const records: RawRecord[] = [];
  const definitions = stringDefinitions(text);
  for (const entry of library.entries) {
    if (entry.input.trim() === '') continue;
    const source = unmaskSource(entry.input, masked.values);
    const line = locate(source);
    const rec = toRecord(entry, source, masked.values, { path, line, index: records.length });
    const used = definitionsUsed(source, definitions);
    if (used.length > 0) rec.bibtexStrings = used;
    records.push(rec);
  }
  if (library.entries.length === 0 && library.errors.length === 0) {
    issues.push(warningIssue(path, 'no BibTeX entries (only @string / @comment / @preamble)'));
  }
  return { format: 'bibtex', records, issues };
}

/** Finds where entry texts start, scanning forward so identical entries get successive lines. */
function locator(text: string, lineOf: (offset: number) => number): (input: string) => number | undefined {
  let from = 0;
  return (input) => {
    const head = input.slice(0, 80);
    let at = text.indexOf(head, from);
    if (at < 0) at = text.indexOf(head);
    if (at < 0) return undefined;
    from = at + head.length;
    return lineOf(at);
  };
}

function toRecord(entry: Entry, input: string, masked: Masked['values'], at: { path: string; line?: number; index: number }): RawRecord {
  const f = entry.fields;
  const { path, line, index } = at;
  const rec: RawRecord = { source: { path, format: 'bibtex', index, ...(line ? { line } : {}) }, citationKey: entry.key, bibtex: input.trim() };
  const title = f.title;
  if (title) rec.title = title;
  const abstract = maskedContent(f.abstract, masked) ?? f.abstract;
  if (abstract) rec.abstract = abstract;
  const authors = (f.author ?? []).map(creatorName).filter(Boolean);
  if (authors.length > 0) rec.authors = authors;
  const dated = parseDate(f.date);
  const year = toYear(f.year) ?? parseDate(f.year).year ?? dated.year;
  if (year !== undefined) rec.year = year;
  if (dated.date) rec.date = dated.date;
  const venue = f.journal ?? f.journaltitle ?? f.booktitle ?? f.series;
  if (venue) rec.venue = venue;
  if (f.doi) rec.doi = f.doi;
  if (f.url) rec.url = f.url;
  const arxiv = f.eprint && (!f.eprinttype || /arxiv/i.test(f.eprinttype) || /arxiv/i.test(f.archiveprefix ?? '')) ? f.eprint : undefined;
  if (arxiv) rec.arxivId = arxiv;
  // A `pmid` field (PubMed's and JabRef's BibTeX), or biblatex's `eprinttype = {pubmed}`.
  const pmid = f.pmid ?? (f.eprint && /^pubmed$/i.test(f.eprinttype ?? '') ? f.eprint : undefined);
  if (pmid) rec.pmid = pmid;
  if (f.keywords && f.keywords.length > 0) rec.keywords = f.keywords;
  return rec;
}

function creatorName(c: Creator): string {
  if (c.name) return c.name;
  const last = [c.prefix, c.lastName, c.suffix].filter(Boolean).join(' ');
  return c.firstName ? `${last}, ${c.firstName}` : last;
}

function describe(error: string): string {
  return firstLine(error)
    .replace(/\s+at line \d+, column \d+/, '')
    .replace(/ in "\w+"$/, '')
    .replace(/^Unterminated brace-value.*/, 'unbalanced braces');
}

function firstLine(s: string): string {
  return s.split('\n')[0]!.slice(0, 160);
}
