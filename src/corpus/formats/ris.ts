import { parseDate } from '../dates.js';
import { cleanPmid } from '../identifiers.js';
import type { InputIssue, RawRecord } from '../paper.js';
import { skippedIssue, warningIssue, type ReadResult } from './reader.js';

const TAG = /^([A-Z][A-Z0-9])\s{1,2}-(?:\s(.*))?$/;

/** True when the text looks like RIS: tag lines (`TY  - JOUR`) make up a good part of it. */
export function looksLikeRis(text: string): boolean {
  const lines = text.slice(0, 32_768).split('\n').filter((l) => l.trim() !== '');
  if (lines.length === 0) return false;
  const tagged = lines.filter((l) => TAG.test(l));
  const hasFrame = tagged.some((l) => l.startsWith('TY') || l.startsWith('ER'));
  return hasFrame && tagged.length >= 2 && tagged.length >= lines.length * 0.3;
}

interface Pending {
  line: number;
  hasType: boolean;
  tags: [string, string][];
}

/** RIS (`TY` ... `ER`). Records without `TY` are skipped; a record missing its `ER` is still read, with a warning. */
export function readRis(text: string, path: string): ReadResult {
  const issues: InputIssue[] = [];
  const records: RawRecord[] = [];
  let current: Pending | null = null;
  const lines = text.split('\n');
  const close = (endLine: number, ended: boolean) => {
    if (!current) return;
    const rec = current;
    current = null;
    if (!rec.hasType) {
      issues.push(skippedIssue(path, `line ${rec.line}: RIS record without a TY line`, { line: rec.line }));
      return;
    }
    if (!ended) issues.push(warningIssue(path, `line ${rec.line}: RIS record has no ER line (ends at line ${endLine})`, { line: rec.line }));
    records.push(toRecord(rec, path, records.length));
  };
  lines.forEach((raw, i) => {
    const line = i + 1;
    const m = TAG.exec(raw.trimEnd());
    if (!m) {
      const continuation = raw.trim();
      const last = current?.tags[current.tags.length - 1];
      if (continuation !== '' && last) last[1] = `${last[1]} ${continuation}`;
      return;
    }
    const tag = m[1]!;
    const value = (m[2] ?? '').trim();
    if (tag === 'TY') {
      if (current) close(line - 1, false);
      current = { line, hasType: true, tags: [] };
    } else if (tag === 'ER') {
      if (current) close(line, true);
      else issues.push(warningIssue(path, `line ${line}: ER without a record`, { line }));
    } else {
      if (!current) current = { line, hasType: false, tags: [] };
      current.tags.push([tag, value]);
    }
  });
  close(lines.length, false);
  return { format: 'ris', records, issues };
}

/** Tags that hold a PMID: the accession number (`AN`) of PubMed/MEDLINE records, custom fields, notes. */
const PMID_TAGS = ['AN', 'C1', 'U1', 'ID', 'N1'];
/** Tags that hold an accession number, whose bare digits are a PMID only in a PubMed/MEDLINE record. */
const ACCESSION_TAGS = ['AN', 'C1', 'U1'];
/** The database / provider of a PubMed or MEDLINE record (`DB  - PubMed`, `DB  - Ovid MEDLINE(R)`, `DP  - NLM`). */
const PUBMED_SOURCE = /\b(?:pubmed|medline|nlm)\b/i;

/**
 * The record's PMID, only where it clearly is one: a value written `PMID: 123` (in `AN`, `C1`, `U1`, `ID` or a
 * note line), or the bare number of `AN` / `C1` / `U1` in a record whose database is PubMed or MEDLINE (other
 * databases, Embase, CINAHL, Web of Science, put their own accession numbers there).
 */
function risPmid(all: (...tags: string[]) => string[]): string | undefined {
  for (const value of all(...PMID_TAGS).flatMap((v) => v.split(/\s*[;\n]\s*/))) {
    if (/^pmid\s*:/i.test(value.trim()) && cleanPmid(value) !== undefined) return value;
  }
  if (!all('DB', 'DP').some((v) => PUBMED_SOURCE.test(v))) return undefined;
  return all(...ACCESSION_TAGS).find((v) => cleanPmid(v) !== undefined);
}

function toRecord(rec: Pending, path: string, index: number): RawRecord {
  const all = (...tags: string[]) => rec.tags.filter(([t, v]) => tags.includes(t) && v !== '').map(([, v]) => v);
  const first = (...tags: string[]) => tags.map((t) => all(t)[0]).find((v) => v !== undefined);
  const out: RawRecord = { source: { path, format: 'ris', line: rec.line, index } };
  const title = first('TI', 'T1', 'CT');
  if (title) out.title = title;
  const abstract = first('AB', 'N2');
  if (abstract) out.abstract = abstract;
  const authors = all('AU', 'A1');
  if (authors.length > 0) out.authors = authors;
  const dated = parseDate(first('DA', 'PY', 'Y1'));
  const year = parseDate(first('PY', 'Y1')).year ?? dated.year;
  if (year !== undefined) out.year = year;
  if (dated.date && dated.date.startsWith(String(year))) out.date = dated.date;
  const venue = first('T2', 'JO', 'JF', 'JA', 'BT', 'J2');
  if (venue && venue !== title) out.venue = venue;
  const doi = first('DO');
  if (doi) out.doi = doi;
  const url = first('UR', 'L2');
  if (url) out.url = url;
  const pmid = risPmid(all);
  if (pmid) out.pmid = pmid;
  const keywords = all('KW').flatMap((k) => k.split(/\s*;\s*/)).filter(Boolean);
  if (keywords.length > 0) out.keywords = keywords;
  return out;
}
