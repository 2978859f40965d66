import type { RawRecord } from '../paper.js';
import { applyLabel, labelStats, parseLabel, readLabelled } from './labelled-text.js';
import type { ReadResult } from './reader.js';
import { labelUnits, pairUp } from './sequence-labeller.js';

const HEADING = /^(#{1,6})\s+(.+?)\s*#*\s*$/;
const BOLD_LINE = /^\s*(?:\*\*|__)(.+?)(?:\*\*|__)\s*$/;

/**
 * Plain text and Markdown: `# Title` sections (labelled lines such as `**Authors:**` inside them), labelled
 * `Title:` / `Abstract:` records, or title + abstract blocks told apart by their structure.
 */
export function readPlainText(text: string, path: string): ReadResult {
  const lines = text.split('\n');
  if (lines.some((l) => HEADING.test(l))) return { format: 'text', records: readHeadings(lines, path), issues: [] };
  const stats = labelStats(lines);
  // Labelled records: a Title: line, several Abstract: lines, or one Abstract: line under a bare title line.
  // (A single "Summary: ..." inside ordinary prose does not turn the whole file into labelled records.)
  if (stats.titles > 0 || stats.abstracts >= 2 || (stats.abstracts === 1 && stats.precededByText === 1)) {
    return { format: 'text', records: readLabelled(text, path, 'text'), issues: [] };
  }
  return { format: 'text', records: readBlocks(lines, path), issues: [] };
}

interface Section {
  level: number;
  title: string;
  line: number;
  body: string[];
  fields: RawRecord;
}

/** Markdown: every heading opens a record; a heading with nothing under it but a deeper heading is a section title. */
function readHeadings(lines: string[], path: string): RawRecord[] {
  const sections: Section[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const h = HEADING.exec(line);
    if (h) {
      sections.push({ level: h[1]!.length, title: h[2]!, line: i + 1, body: [], fields: { source: { path, format: 'text', index: 0 } } });
      continue;
    }
    const current = sections[sections.length - 1];
    if (!current) continue;
    const label = parseLabel(line);
    if (label && label.label !== 'abstract' && label.label !== 'title') applyLabel(current.fields, label.label, label.value);
    else current.body.push(label ? label.value : line);
  }
  const records: RawRecord[] = [];
  sections.forEach((s, k) => {
    const abstract = s.body.join('\n').trim();
    const next = sections[k + 1];
    const empty = abstract === '' && Object.keys(s.fields).length === 1;
    if (empty && next && next.level > s.level) return;
    const rec: RawRecord = { ...s.fields, title: s.title, source: { path, format: 'text', line: s.line, index: records.length } };
    if (abstract) rec.abstract = abstract;
    records.push(rec);
  });
  return records;
}

interface Block {
  text: string;
  line: number;
}

/**
 * Unlabelled text: paragraphs (or single lines when the file has no blank lines) labelled title or abstract by
 * structure. A paragraph whose first line is a title (bold, or shorter than the lines under it and without a
 * final period) is split into title and abstract; a hard-wrapped paragraph stays whole.
 */
function readBlocks(lines: string[], path: string): RawRecord[] {
  const blocks: Block[] = [];
  const paragraphs = toParagraphs(lines);
  // No blank lines at all: one entry per line, unless the lines are a hard-wrapped paragraph (all short).
  const only = paragraphs.length === 1 ? paragraphs[0]!.lines : [];
  const lineMode = only.length > 2 && only.some((l) => l.trim().length > 160);
  for (const p of paragraphs) {
    if (lineMode) {
      p.lines.forEach((l, k) => blocks.push({ text: l.trim(), line: p.line + k }));
      continue;
    }
    const split = splitTitle(p.lines);
    if (split) {
      blocks.push({ text: split.title, line: p.line });
      blocks.push({ text: split.rest, line: p.line + 1 });
    } else blocks.push({ text: p.lines.map((l) => l.trim()).join(' '), line: p.line });
  }
  const labels = labelUnits(blocks.map((b) => b.text));
  return pairUp(labels).map((pair, index) => {
    const rec: RawRecord = { source: { path, format: 'text', line: blocks[pair.at]!.line, index } };
    if (pair.title !== undefined) rec.title = blocks[pair.title]!.text;
    if (pair.abstract !== undefined) rec.abstract = blocks[pair.abstract]!.text;
    return rec;
  });
}

function toParagraphs(lines: string[]): { line: number; lines: string[] }[] {
  const out: { line: number; lines: string[] }[] = [];
  let current: { line: number; lines: string[] } | null = null;
  lines.forEach((l, i) => {
    if (l.trim() === '') {
      current = null;
      return;
    }
    if (!current) {
      current = { line: i + 1, lines: [] };
      out.push(current);
    }
    current.lines.push(l);
  });
  return out;
}

function splitTitle(lines: string[]): { title: string; rest: string } | null {
  if (lines.length < 2) return null;
  const first = lines[0]!.trim();
  const rest = lines.slice(1).map((l) => l.trim()).join(' ');
  const bold = BOLD_LINE.exec(first);
  if (bold) return { title: bold[1]!.trim(), rest };
  if (/[.!?;,]$/.test(first)) return null;
  const widths = lines.slice(1, -1).map((l) => l.trim().length);
  const wrapWidth = widths.length > 0 ? widths.reduce((m, w) => Math.max(m, w), 0) : lines[1]!.trim().length;
  const wrapped = first.length >= 50 && first.length >= wrapWidth * 0.85 && !isTitleCase(first);
  return wrapped ? null : { title: first, rest };
}

function isTitleCase(line: string): boolean {
  const long = line.split(/\s+/).filter((w) => w.length > 3);
  return long.length >= 3 && long.filter((w) => /^[A-Z0-9]/.test(w)).length / long.length > 0.6;
}
