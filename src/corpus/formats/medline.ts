import { parseDate } from '../dates.js';
import type { RawRecord } from '../paper.js';
import type { ReadResult } from './reader.js';

/** A MEDLINE tag line: a tag of up to four characters padded to four, then `- ` (`PMID- 1`, `TI  - ...`, `FAU - ...`). */
const TAG = /^([A-Z][A-Z0-9]{0,3})\s*- (.*)$/;
/** Continuation lines are indented by six spaces. */
const CONTINUATION = /^ {2,}\S/;

/**
 * True for PubMed's MEDLINE export (`.nbib`, "PubMed format" text): a `PMID- ` line, or `TI  - ` and `AB  - `
 * lines with MEDLINE-only tags (`FAU`, `DP`, `LID`, `AID`), told apart from RIS (which frames records with `TY`).
 */
export function looksLikeMedline(text: string): boolean {
  const head = text.slice(0, 65_536);
  if (/^PMID- ?\d+/m.test(head)) return true;
  return /^TI {2}- /m.test(head) && /^(FAU|DP {2}|LID|AID) ?- /m.test(head) && !/^TY {2}- /m.test(head);
}

/** PubMed MEDLINE records: one per `PMID-` (or per blank-line block), continuation lines joined. */
export function readMedline(text: string, path: string): ReadResult {
  const records: RawRecord[] = [];
  let tags: [string, string][] = [];
  let start = 0;
  const close = () => {
    if (tags.length > 0) records.push(toRecord(tags, path, start, records.length));
    tags = [];
  };
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    const m = TAG.exec(line);
    if (m) {
      if (m[1] === 'PMID') close();
      if (tags.length === 0) start = i + 1;
      tags.push([m[1]!, m[2]!.trim()]);
    } else if (CONTINUATION.test(line) && tags.length > 0) {
      const last = tags[tags.length - 1]!;
      last[1] = `${last[1]} ${line.trim()}`;
    } else if (line.trim() === '') close();
  });
  close();
  return { format: 'medline', records, issues: [] };
}

function toRecord(tags: [string, string][], path: string, line: number, index: number): RawRecord {
  const all = (tag: string) => tags.filter(([t, v]) => t === tag && v !== '').map(([, v]) => v);
  const first = (...names: string[]) => names.map((t) => all(t)[0]).find((v) => v !== undefined);
  const rec: RawRecord = { source: { path, format: 'medline', line, index } };
  const title = first('TI', 'BTI');
  if (title) rec.title = title;
  const abstract = first('AB');
  if (abstract) rec.abstract = abstract;
  const authors = all('FAU').length > 0 ? all('FAU') : all('AU');
  if (authors.length > 0) rec.authors = authors;
  const dated = parseDate(first('DP', 'DEP', 'DA'));
  if (dated.year !== undefined) rec.year = dated.year;
  if (dated.date) rec.date = dated.date;
  const venue = first('JT', 'TA');
  if (venue) rec.venue = venue;
  const doi = [...all('LID'), ...all('AID')].find((v) => /\[doi\]\s*$/.test(v));
  if (doi) rec.doi = doi.replace(/\s*\[doi\]\s*$/, '');
  const pmid = first('PMID');
  if (pmid) {
    rec.pmid = pmid;
    rec.url = `https://pubmed.ncbi.nlm.nih.gov/${pmid}/`;
  }
  const keywords = [...all('OT'), ...all('MH')];
  if (keywords.length > 0) rec.keywords = keywords;
  return rec;
}
