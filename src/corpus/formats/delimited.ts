import type { InputIssue, RawRecord } from '../paper.js';
import { hasPaperFields, mapValues, resolveFields, type ColumnMap } from './field-map.js';
import { skippedIssue, type ReadResult } from './reader.js';

const DELIMITERS = ['\t', ',', ';'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

/**
 * The delimiter whose header line names paper columns (title / abstract, case-insensitive, with synonyms),
 * or null when the text is not a table. Tabs win over commas, commas over semicolons.
 */
export function detectDelimiter(text: string, columnMap: ColumnMap = {}): Delimiter | null {
  const header = firstLine(text);
  if (header === '') return null;
  for (const d of DELIMITERS) {
    const names = header.split(d).map((n) => n.trim().replace(/^"|"$/g, ''));
    if (names.length >= 2 && hasPaperFields(resolveFields(names, columnMap))) return d;
  }
  return null;
}

function firstLine(text: string): string {
  const start = text.search(/\S/);
  if (start < 0) return '';
  const end = text.indexOf('\n', start);
  return text.slice(start, end < 0 ? undefined : end);
}

interface Row {
  values: string[];
  line: number;
}

/**
 * CSV or TSV with a header row, through csv-parse (loaded on first use). Rows with the wrong number of fields
 * and broken quoting are skipped with a reason.
 */
export async function readDelimited(text: string, path: string, delimiter: Delimiter, columnMap: ColumnMap = {}): Promise<ReadResult> {
  const format = delimiter === '\t' ? 'tsv' : 'csv';
  const issues: InputIssue[] = [];
  const { parse } = await import('csv-parse/sync');
  const rows = parseRows(parse, text, path, delimiter, issues);
  const header = rows.shift();
  if (!header) return { format, records: [], issues };
  const fields = resolveFields(header.values, columnMap);
  const width = header.values.length;
  const records: RawRecord[] = [];
  for (const row of rows) {
    if (row.values.length !== width) {
      issues.push(skippedIssue(path, `line ${row.line}: expected ${width} fields, found ${row.values.length}`, { line: row.line }));
      continue;
    }
    const index = records.length;
    records.push({ ...mapValues(fields, (i) => row.values[i]), source: { path, format, line: row.line, index } });
  }
  return { format, records, issues };
}

type CsvParse = typeof import('csv-parse/sync').parse;

function parseRows(parse: CsvParse, text: string, path: string, delimiter: Delimiter, issues: InputIssue[]): Row[] {
  const rows: Row[] = [];
  let lastEnd = 0;
  let lastEmpty = 0;
  const startOf = (empty: number) => lastEnd + 1 + Math.max(0, empty - lastEmpty);
  try {
    parse(text, {
      delimiter,
      bom: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      on_record: (values: string[], ctx) => {
        rows.push({ values, line: startOf(ctx.empty_lines) });
        lastEnd = ctx.lines;
        lastEmpty = ctx.empty_lines;
        return null;
      },
      on_skip: (err) => {
        const line = lastEnd + 1;
        issues.push(skippedIssue(path, `line ${line}: ${csvReason(err?.message)}`, { line }));
        if (err && typeof (err as { lines?: unknown }).lines === 'number') lastEnd = (err as unknown as { lines: number }).lines;
        return undefined;
      },
    });
  } catch (err) {
    const line = lastEnd + 1;
    issues.push(skippedIssue(path, `line ${line}: ${csvReason((err as Error).message)}; the rest of the file was not read`, { line }));
  }
  return rows;
}

function csvReason(message: string | undefined): string {
  const m = (message ?? 'malformed row').replace(/\s*\(.*$/s, '');
  if (/Quote Not Closed/i.test(m)) return 'a quoted field is never closed';
  if (/Invalid Closing Quote/i.test(m)) return 'a quote is closed in the middle of a field';
  if (/Invalid Opening Quote/i.test(m)) return 'a quote opens in the middle of a field';
  return m.replace(/^.*?: /, '').toLowerCase();
}
