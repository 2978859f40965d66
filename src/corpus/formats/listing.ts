import type { RawRecord } from '../paper.js';
import { isChrome, parseMetaLine, unglue, type ListingMeta } from './listing-meta.js';
import type { ReadResult } from './reader.js';
import { labelUnits, pairUp } from './sequence-labeller.js';

/** A line of a listing page that is neither chrome nor metadata. */
export interface TextUnit {
  text: string;
  line: number;
}

type Unit = ({ kind: 'text' } & TextUnit) | { kind: 'meta'; meta: ListingMeta | null; line: number };

/**
 * Scraped listing pages, with titles (the `Abstract:`-prefixed layout is read by the labelled-text reader):
 * title and abstract on alternating lines, or in blank-line separated blocks. Page chrome (`Subscribe`,
 * `Daily Papers`, the page date, affiliations) is dropped, also when glued to the first title; author
 * counts, publication dates and upvotes are kept on the paper they follow.
 */
export function readListing(text: string, path: string): ReadResult {
  const units = toUnits(text.split('\n'));
  const records: RawRecord[] = [];
  let segment: TextUnit[] = [];
  const flush = () => {
    for (const r of recordsOf(segment, path, records.length)) records.push(r);
    segment = [];
  };
  for (const unit of units) {
    if (unit.kind === 'text') {
      segment.push(unit);
      continue;
    }
    flush();
    const last = records[records.length - 1];
    if (last && unit.meta) applyMeta(last, unit.meta);
  }
  flush();
  return { format: 'listing', records, issues: [] };
}

function toUnits(lines: string[]): Unit[] {
  const units: Unit[] = [];
  let header = true;
  for (let i = 0; i < lines.length; i++) {
    let t = lines[i]!.trim();
    if (t === '') continue;
    if (header) {
      const rest = unglue(t);
      if (rest !== null) t = rest.trim();
    }
    if (t === '' || isChrome(t)) continue;
    const meta = parseMetaLine(t);
    if (meta === 'separator') units.push({ kind: 'meta', meta: null, line: i + 1 });
    else if (meta) {
      if (!header) units.push({ kind: 'meta', meta, line: i + 1 });
    } else if (parseMetaLine(lines[i + 1] ?? '') === 'separator') {
      // An affiliation printed where the author count usually is ("Berkeley UC Berkeley" / "·" / date).
      units.push({ kind: 'meta', meta: null, line: i + 1 });
    } else {
      units.push({ kind: 'text', text: t, line: i + 1 });
      header = false;
    }
  }
  return units;
}

function recordsOf(units: TextUnit[], path: string, offset: number): RawRecord[] {
  const labels = labelUnits(units.map((u) => u.text));
  return pairUp(labels).map((p, k) => {
    const rec: RawRecord = { source: { path, format: 'listing', line: units[p.at]!.line, index: offset + k } };
    if (p.title !== undefined) rec.title = units[p.title]!.text;
    if (p.abstract !== undefined) rec.abstract = units[p.abstract]!.text;
    return rec;
  });
}

function applyMeta(rec: RawRecord, meta: ListingMeta): void {
  if (meta.authorCount !== undefined) rec.authorCount = meta.authorCount;
  if (meta.upvotes !== undefined) rec.upvotes = meta.upvotes;
  if (meta.date) rec.date = meta.date;
  if (meta.year !== undefined) rec.year = meta.year;
  if (meta.dateText && !meta.date) rec.dateText = meta.dateText;
}
