import { splitAuthors } from '../authors.js';
import { parseDate } from '../dates.js';
import type { RawRecord, SourceFormat } from '../paper.js';

/** `Title: ...`, `**Abstract:** ...`, `- Authors: ...`: a field label at the start of a line. */
const LABEL =
  /^\s*(?:[-*]\s+)?(?:\*\*|__)?(title|abstract|summary|authors?|year|date|doi|url|link|keywords|venue|journal)(?:\*\*|__)?\s*:\s*(?:\*\*|__)?\s*(.*)$/i;

export type LabelName = 'title' | 'abstract' | 'authors' | 'year' | 'doi' | 'url' | 'keywords' | 'venue';

/** The label and value of a labelled line, or null. */
export function parseLabel(line: string): { label: LabelName; value: string } | null {
  const m = LABEL.exec(line);
  if (!m) return null;
  const raw = m[1]!.toLowerCase();
  const label: LabelName =
    raw === 'summary' ? 'abstract'
    : raw === 'author' ? 'authors'
    : raw === 'date' ? 'year'
    : raw === 'link' ? 'url'
    : raw === 'journal' ? 'venue'
    : (raw as LabelName);
  return { label, value: m[2]!.replace(/(\*\*|__)\s*$/, '').trim() };
}

/** Set one labelled field on a record (authors split, dates parsed). */
export function applyLabel(rec: RawRecord, label: LabelName, value: string): void {
  if (value === '') return;
  switch (label) {
    case 'title':
      rec.title = value;
      break;
    case 'abstract':
      rec.abstract = rec.abstract ? `${rec.abstract} ${value}` : value;
      break;
    case 'authors':
      rec.authors = splitAuthors(value);
      break;
    case 'year': {
      const d = parseDate(value);
      if (d.year !== undefined) rec.year = d.year;
      if (d.date) rec.date = d.date;
      break;
    }
    case 'keywords':
      rec.keywords = value.split(/\s*[;,]\s*/).filter(Boolean);
      break;
    default:
      rec[label] = value;
  }
}

/** Statistics that decide how a labelled file is read. */
export function labelStats(lines: readonly string[]): { labelled: number; abstracts: number; titles: number; precededByText: number } {
  let labelled = 0;
  let abstracts = 0;
  let titles = 0;
  let precededByText = 0;
  let prev: string | null = null;
  for (const line of lines) {
    if (line.trim() === '') {
      prev = null;
      continue;
    }
    const l = parseLabel(line);
    if (l) {
      labelled++;
      if (l.label === 'abstract') {
        abstracts++;
        if (prev !== null && !parseLabel(prev)) precededByText++;
      }
      if (l.label === 'title') titles++;
    }
    prev = line;
  }
  return { labelled, abstracts, titles, precededByText };
}

/**
 * Labelled records (`Title:` / `Abstract:` / `Authors:` ... lines). A new record starts when a field repeats.
 * Unlabelled lines continue the previous field, except a line right before `Abstract:` when the file gives
 * titles that way (most abstracts preceded by such a line). Lines before the first field are a page header
 * and dropped: the `Abstract:`-only listing layout starts with an author line, and has no titles.
 */
export function readLabelled(text: string, path: string, format: SourceFormat): RawRecord[] {
  const lines = text.split('\n');
  const stats = labelStats(lines);
  const bareTitles = stats.titles === 0 && stats.precededByText > stats.abstracts / 2;
  const records: RawRecord[] = [];
  let current: RawRecord | null = null;
  let lastField: LabelName | null = null;
  const start = (line: number): RawRecord => {
    const rec: RawRecord = { source: { path, format, line, index: records.length } };
    records.push(rec);
    lastField = null;
    return rec;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    const label = parseLabel(line);
    if (!label) {
      const nextLabel = parseLabel(lines[i + 1] ?? '');
      if (bareTitles && nextLabel?.label === 'abstract') {
        current = start(i + 1);
        current.title = line.trim();
        lastField = 'title';
      } else if (current && lastField) continueField(current, lastField, line.trim());
      continue;
    }
    const repeats = current !== null && (label.label === 'title' ? current.title !== undefined || current.abstract !== undefined : fieldSet(current, label.label));
    if (!current || repeats) current = start(i + 1);
    applyLabel(current, label.label, label.value);
    lastField = label.label;
  }
  return records;
}

/** An unlabelled line after a field: a wrapped title, or abstract text. */
function continueField(rec: RawRecord, last: LabelName, text: string): void {
  if (last === 'title') rec.title = rec.title ? `${rec.title} ${text}` : text;
  else applyLabel(rec, 'abstract', text);
}

function fieldSet(rec: RawRecord, label: LabelName): boolean {
  switch (label) {
    case 'abstract':
      return rec.abstract !== undefined;
    case 'authors':
      return rec.authors !== undefined;
    case 'year':
      return rec.year !== undefined;
    case 'keywords':
      return rec.keywords !== undefined;
    default:
      return rec[label] !== undefined;
  }
}
