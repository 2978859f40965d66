import type { InputIssue, RawRecord, SourceFormat } from '../paper.js';

/** What a format reader returns for one file: its records (raw text, not yet normalised) and its problems. */
export interface ReadResult {
  format: SourceFormat;
  records: RawRecord[];
  issues: InputIssue[];
}

/** A reader turns the decoded text of one file into records. `path` is only used in sources and issues. */
export type FormatReader = (text: string, path: string) => ReadResult | Promise<ReadResult>;

/** An issue that left a record (or the file) out. */
export function skippedIssue(path: string, reason: string, where: { line?: number; record?: number } = {}): InputIssue {
  return { path, ...where, reason, level: 'skipped' };
}

/** An issue about a record that was still ingested. */
export function warningIssue(path: string, reason: string, where: { line?: number; record?: number } = {}): InputIssue {
  return { path, ...where, reason, level: 'warning' };
}

/** 1-based line number of a character offset. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** Line numbers of many offsets in one pass (offsets in any order). */
export function lineIndex(text: string): (offset: number) => number {
  const starts: number[] = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}
