import path from 'node:path';
import { NoInputError, UsageError } from '../errors.js';
import { readFile } from 'node:fs/promises';
import { decodeBytes } from '../corpus/decode.js';
import { isRecord, parseJson } from '../fs/read-text-file.js';
import { goldRowFrom, type GoldRow } from './gold-label.js';

/** A gold file, read: its usable rows, and one reason per row left out. */
export interface GoldFile {
  path: string;
  rows: GoldRow[];
  skipped: string[];
}

/**
 * Read hand labels from CSV, TSV or JSONL (told apart by content: a first non-blank character `{`
 * is JSONL; a header line with tabs is TSV). A missing or unreadable file is a UsageError naming it;
 * a file with no usable row is a NoInputError.
 */
export async function readGoldFile(file: string): Promise<GoldFile> {
  const name = path.basename(file);
  const text = await readGoldText(file);
  const parsed = text.trimStart().startsWith('{') ? readJsonl(text, name) : await readDelimited(text, name);
  if (parsed.rows.length === 0) {
    throw new NoInputError(`gold file ${file} has no usable row${parsed.skipped[0] ? ` (${parsed.skipped[0]})` : ''}`,
      'give each row a key, id, doi or title and at least one of contributionType, category, relevant');
  }
  return { path: file, ...parsed };
}

/** The file's text in any encoding a spreadsheet saves (UTF-8, UTF-16 with or without BOM, legacy code pages). */
async function readGoldText(file: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'ENOENT') throw new UsageError(`gold file ${file} not found`);
    throw new UsageError(`gold file ${file}: ${e.code === 'EISDIR' ? 'is a folder, not a file' : e.message.split('\n')[0]}`);
  }
  const decoded = decodeBytes(bytes);
  if (!decoded.ok) throw new UsageError(`gold file ${file}: ${decoded.reason}`, 'save it as CSV, TSV or JSONL text');
  return decoded.text.charCodeAt(0) === 0xfeff ? decoded.text.slice(1) : decoded.text;
}

function readJsonl(text: string, name: string): Omit<GoldFile, 'path'> {
  const rows: GoldRow[] = [];
  const skipped: string[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    const where = `${name}:${i + 1}`;
    const json = parseJson(line);
    if (!json.ok) return void skipped.push(`${where}: ${json.reason}`);
    if (!isRecord(json.value)) return void skipped.push(`${where}: not a JSON object`);
    push(goldRowFrom(json.value, where), rows, skipped);
  });
  return { rows, skipped };
}

async function readDelimited(text: string, name: string): Promise<Omit<GoldFile, 'path'>> {
  const { parse } = await import('csv-parse/sync');
  const header = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = header.includes('\t') ? '\t' : header.split(';').length > header.split(',').length ? ';' : ',';
  let records: Record<string, string>[];
  try {
    records = parse(text, { columns: true, delimiter, skip_empty_lines: true, relax_column_count: true, trim: true, bom: true }) as Record<string, string>[];
  } catch (err) {
    throw new UsageError(`gold file ${name}: ${(err as Error).message.split('\n')[0]}`);
  }
  const rows: GoldRow[] = [];
  const skipped: string[] = [];
  records.forEach((r, i) => push(goldRowFrom(r, `${name}:${i + 2}`), rows, skipped));
  return { rows, skipped };
}

function push(result: { row: GoldRow } | { reason: string }, rows: GoldRow[], skipped: string[]): void {
  if ('row' in result) rows.push(result.row);
  else skipped.push(result.reason);
}
