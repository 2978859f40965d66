import { chunkLines } from './chunk-lines.js';

/** UTF-8 byte order mark: lets Excel decode the file as UTF-8 instead of the system code page. */
export const UTF8_BOM = '\uFEFF';

/**
 * A cell a spreadsheet would run as a formula (OWASP CSV injection: a leading `=`, `+`, `-`, `@`, tab or carriage
 * return), prefixed with `'` so it is shown as text.
 */
export function neutralizeFormula(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

/**
 * RFC 4180 CSV: fields with a comma, double quote, CR or LF are quoted, quotes doubled; CRLF between records.
 * Text cells are neutralised against formula injection (numbers are written as numbers).
 */
export function csvField(value: string | number | null | undefined): string {
  const s = value === null || value === undefined ? '' : typeof value === 'number' ? String(value) : neutralizeFormula(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

type CsvRow = readonly (string | number | null | undefined)[];

/** A whole CSV document as chunks of records, produced lazily: a UTF-8 BOM, the header row, then rows, each record ended by CRLF. */
export function* csvChunks(header: readonly string[], rows: Iterable<CsvRow>): Generator<string> {
  yield `${UTF8_BOM}${csvRecord(header)}`;
  yield* chunkLines(rows, csvRecord);
}

function csvRecord(r: CsvRow): string {
  return `${r.map(csvField).join(',')}\r\n`;
}
