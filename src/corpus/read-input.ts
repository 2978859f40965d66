import { readFile } from 'node:fs/promises';
import type { InputFile } from './collect-files.js';
import { fsReason } from './collect-files.js';
import { decodeBytes, type DecodeResult } from './decode.js';
import { detectFormat } from './formats/detect.js';
import type { ColumnMap } from './formats/field-map.js';
import { skippedIssue } from './formats/reader.js';
import type { InputIssue, RawRecord, SourceFormat } from './paper.js';

/** What one input file gave: its format and encoding when known, its records and its problems. */
export interface FileResult {
  path: string;
  format: SourceFormat | null;
  encoding?: string;
  records: RawRecord[];
  issues: InputIssue[];
}

/**
 * Read one file: bytes, encoding, format by content, records. Never throws for bad input: an unreadable,
 * empty, binary or unrecognised file gives no records and one issue naming the file.
 */
export async function readInput(file: InputFile, options: { columnMap?: ColumnMap } = {}): Promise<FileResult> {
  const skip = (reason: string, extra: Partial<FileResult> = {}): FileResult => ({
    path: file.path,
    format: null,
    records: [],
    issues: [skippedIssue(file.path, `${file.path}: ${reason}`)],
    ...extra,
  });
  const decoded = await readText(file.abs);
  if ('error' in decoded) return skip(decoded.error);
  if (!decoded.ok) return skip(decoded.reason);
  if (!/\S/.test(decoded.text)) return skip('empty file (only whitespace)', { encoding: decoded.encoding });
  const detection = detectFormat(decoded.text, file.path, options);
  if (detection.format === null) return skip(detection.reason, { encoding: decoded.encoding });
  try {
    const result = await detection.read();
    const issues = result.issues.map((i) => ({ ...i, reason: i.reason.startsWith(file.path) ? i.reason : `${file.path}: ${i.reason}` }));
    if (result.records.length === 0 && !issues.some((i) => i.level !== 'warning')) {
      issues.push(skippedIssue(file.path, `${file.path}: no records found (read as ${result.format})`));
    }
    return { path: file.path, format: result.format, encoding: decoded.encoding, records: result.records, issues };
  } catch (err) {
    return skip(`could not be read as ${detection.format}: ${(err as Error).message.split('\n')[0]}`, { encoding: decoded.encoding });
  }
}

/** The file's decoded text; the bytes are dropped before parsing starts (large inputs). */
async function readText(abs: string): Promise<DecodeResult | { error: string }> {
  let bytes: Buffer;
  try {
    bytes = await readFile(abs);
  } catch (err) {
    return { error: fsReason(err) };
  }
  if (bytes.length === 0) return { error: 'empty file' };
  return decodeBytes(bytes);
}
