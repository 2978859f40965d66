import type { InputIssue, RawRecord, SourceFormat, SourceRef } from '../paper.js';
import { mapValues, resolveFields, type ColumnMap, type MappedField } from './field-map.js';
import { cslRecord, isCslItem } from './csl-json.js';
import { isOpenAlexWork, openAlexRecord } from './openalex.js';
import { lineAt, skippedIssue, type ReadResult } from './reader.js';

type Obj = Record<string, unknown>;

/** Properties that hold the record list in API responses and exports, in order of preference. */
const LIST_KEYS = ['results', 'items', 'papers', 'records', 'works', 'entries', 'data', 'hits', 'references'];

/** True when the text starts like JSON (`{` or `[`). */
export function looksLikeJson(text: string): boolean {
  const c = text.trimStart()[0];
  return c === '{' || c === '[';
}

/**
 * JSON (an array, an object holding `results` / `items` / `papers` / ..., or one record) and JSONL (one object
 * a line; a broken line is skipped with its number). OpenAlex works are recognised per record; the file's format
 * is `openalex` when most of its records are works.
 */
export function readJson(text: string, path: string, options: { lines?: boolean; columnMap?: ColumnMap } = {}): ReadResult {
  const columnMap = options.columnMap ?? {};
  // A .jsonl file is JSON Lines even with one line; a pretty-printed array in it is read as JSON.
  if (options.lines && firstLineParses(text)) return readJsonLines(text, path, columnMap);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    if (isJsonLines(text)) return readJsonLines(text, path, columnMap);
    return fail('json', path, `not valid JSON: ${jsonError(err, text)}`);
  }
  const list = recordList(value, columnMap);
  if (!list) {
    return fail('json', path, `JSON with no recognisable records (expected an array, or an object with ${LIST_KEYS.slice(0, 3).join('/')} ...)`);
  }
  const mapper = new ObjectMapper(columnMap);
  const records: RawRecord[] = [];
  const issues: InputIssue[] = [];
  list.forEach((item, index) => {
    if (!item || typeof item !== 'object' || Array.isArray(item)) {
      issues.push(skippedIssue(path, `record ${index + 1}: not a JSON object`, { record: index }));
      return;
    }
    records.push(mapper.map(item as Obj, { path, format: 'json', index }));
  });
  return { format: mapper.format('json'), records: retag(records, mapper.format('json')), issues };
}

function readJsonLines(text: string, path: string, columnMap: ColumnMap): ReadResult {
  const mapper = new ObjectMapper(columnMap);
  const records: RawRecord[] = [];
  const issues: InputIssue[] = [];
  // Walk the lines without splitting the whole file at once (JSONL files can be large).
  for (let start = 0, i = 0; start < text.length; i++) {
    const end = text.indexOf('\n', start);
    const line = text.slice(start, end < 0 ? text.length : end).trim();
    start = end < 0 ? text.length : end + 1;
    if (line === '') continue;
    let item: unknown;
    try {
      item = JSON.parse(line);
    } catch (err) {
      issues.push(skippedIssue(path, `line ${i + 1}: not valid JSON (${jsonError(err)})`, { line: i + 1 }));
      continue;
    }
    if (!item || typeof item !== 'object' || Array.isArray(item)) {
      issues.push(skippedIssue(path, `line ${i + 1}: not a JSON object`, { line: i + 1 }));
      continue;
    }
    records.push(mapper.map(item as Obj, { path, format: 'jsonl', line: i + 1, index: records.length }));
  }
  return { format: mapper.format('jsonl'), records: retag(records, mapper.format('jsonl')), issues };
}

function firstLineParses(text: string): boolean {
  const first = text.trimStart().split('\n', 1)[0] ?? '';
  try {
    JSON.parse(first);
    return true;
  } catch {
    return false;
  }
}

/** JSON Lines: several non-empty lines, most of them starting with `{`. */
export function isJsonLines(text: string): boolean {
  const lines = text.slice(0, 65_536).split('\n').map((l) => l.trim()).filter(Boolean);
  if (lines.length < 2) return false;
  return lines.filter((l) => l.startsWith('{')).length >= lines.length * 0.6;
}

function recordList(value: unknown, columnMap: ColumnMap): unknown[] | null {
  if (Array.isArray(value)) return value;
  if (!value || typeof value !== 'object') return null;
  const o = value as Obj;
  for (const key of LIST_KEYS) {
    if (Array.isArray(o[key])) return o[key] as unknown[];
  }
  const message = o.message;
  if (message && typeof message === 'object' && Array.isArray((message as Obj).items)) return (message as Obj).items as unknown[];
  const fields = resolveFields(Object.keys(o), columnMap);
  if (fields.has('title') || fields.has('abstract') || isOpenAlexWork(o) || isCslItem(o)) return [o];
  return null;
}

/** Maps objects to records, caching the field resolution per set of property names (fast on 100k records). */
class ObjectMapper {
  private readonly cache = new Map<string, { names: string[]; fields: Map<MappedField, number[]> }>();
  private openalex = 0;
  private csl = 0;
  private total = 0;

  constructor(private readonly columnMap: ColumnMap = {}) {}

  map(o: Obj, source: SourceRef): RawRecord {
    this.total++;
    if (isOpenAlexWork(o)) {
      this.openalex++;
      return openAlexRecord(o, source);
    }
    if (isCslItem(o)) {
      this.csl++;
      return cslRecord(o, source);
    }
    const inner = o.paper && typeof o.paper === 'object' && !Array.isArray(o.paper) ? { ...o, ...(o.paper as Obj) } : o;
    const names = Object.keys(inner);
    const signature = names.join('\u0000');
    let entry = this.cache.get(signature);
    if (!entry) {
      entry = { names, fields: resolveFields(names, this.columnMap) };
      this.cache.set(signature, entry);
    }
    const rec: RawRecord = { ...mapValues(entry.fields, (i) => inner[entry.names[i]!]), source };
    addExternalIds(rec, inner);
    return rec;
  }

  format(fallback: SourceFormat): SourceFormat {
    if (this.total > 0 && this.openalex >= this.total / 2) return 'openalex';
    return this.total > 0 && this.csl >= this.total / 2 ? 'csljson' : fallback;
  }
}

/** Semantic Scholar's `externalIds` (`DOI`, `ArXiv`, `PubMed`) / generic `ids`, and arXiv-style ids. */
function addExternalIds(rec: RawRecord, o: Obj): void {
  const ids = (o.externalIds ?? o.ids) as Obj | undefined;
  if (ids && typeof ids === 'object') {
    const doi = ids.DOI ?? ids.doi;
    if (!rec.doi && typeof doi === 'string') rec.doi = doi;
    const arxiv = ids.ArXiv ?? ids.arxiv ?? ids.arXiv;
    if (!rec.arxivId && typeof arxiv === 'string') rec.arxivId = arxiv;
    const pmid = ids.PubMed ?? ids.pmid ?? ids.PMID;
    if (!rec.pmid && (typeof pmid === 'string' || typeof pmid === 'number')) rec.pmid = String(pmid);
  }
  if (!rec.arxivId && typeof o.id === 'string' && /^(\d{4}\.\d{4,5}|[a-z-]+(\.[A-Z]{2})?\/\d{7})(v\d+)?$/.test(o.id)) rec.arxivId = o.id;
}

function retag(records: RawRecord[], format: SourceFormat): RawRecord[] {
  for (const r of records) r.source.format = format;
  return records;
}

function fail(format: SourceFormat, path: string, reason: string): ReadResult {
  return { format, records: [], issues: [skippedIssue(path, reason)] };
}

function jsonError(err: unknown, text?: string): string {
  const message = (err as Error).message.replace(/^JSON\.parse: /, '');
  const pos = /at position (\d+)/.exec(message);
  const short = message.replace(/\s*in JSON at position \d+.*$/, '').replace(/\s*\(line \d+ column \d+\)$/, '');
  if (text && pos) return `${short} at line ${lineAt(text, Number(pos[1]))}`;
  return short;
}
