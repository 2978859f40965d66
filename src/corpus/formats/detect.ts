import path from 'node:path';
import type { SourceFormat } from '../paper.js';
import { looksLikeAtom, looksLikeXml, readArxivAtom } from './arxiv-atom.js';
import { looksLikeBibtex, readBibtex } from './bibtex.js';
import { detectDelimiter, readDelimited } from './delimited.js';
import type { ColumnMap } from './field-map.js';
import { isJsonLines, looksLikeJson, readJson } from './json.js';
import { labelStats, readLabelled } from './labelled-text.js';
import { looksLikeListing } from './listing-meta.js';
import { looksLikeMedline, readMedline } from './medline.js';
import { unknownHeaderReason } from './header-hint.js';
import { readListing } from './listing.js';
import { readPlainText } from './plain-text.js';
import type { ReadResult } from './reader.js';
import { looksLikeRis, readRis } from './ris.js';

/** The format a file's content shows (the extension only breaks ties), or null with a reason. */
export type Detection = { format: SourceFormat; read: () => ReadResult | Promise<ReadResult> } | { format: null; reason: string };

/** Extensions of prose files: one starting with `[` or `{` is JSON only if it parses as JSON. */
const PROSE_EXTENSIONS = new Set(['.txt', '.md', '.markdown', '.text']);

/** Detect the format of a decoded file by its content and return its reader. */
export function detectFormat(text: string, file: string, options: { columnMap?: ColumnMap } = {}): Detection {
  const columnMap = options.columnMap ?? {};
  const ext = path.extname(file).toLowerCase();
  if (looksLikeJson(text) && (!PROSE_EXTENSIONS.has(ext) || isJsonLines(text) || jsonParses(text))) {
    const lines = ext === '.jsonl' || ext === '.ndjson';
    return { format: lines ? 'jsonl' : 'json', read: () => readJson(text, file, { lines, columnMap }) };
  }
  if (looksLikeXml(text)) {
    if (looksLikeAtom(text)) return { format: 'arxiv', read: () => readArxivAtom(text, file) };
    return { format: null, reason: 'XML that is not an Atom feed (arXiv API answers are read; other XML is not)' };
  }
  if (looksLikeMedline(text)) return { format: 'medline', read: () => readMedline(text, file) };
  if (looksLikeBibtex(text)) return { format: 'bibtex', read: () => readBibtex(text, file) };
  if (looksLikeRis(text)) return { format: 'ris', read: () => readRis(text, file) };
  const delimiter = detectDelimiter(text, columnMap);
  if (delimiter) return { format: delimiter === '\t' ? 'tsv' : 'csv', read: () => readDelimited(text, file, delimiter, columnMap) };
  if (isAbstractListing(text)) {
    return { format: 'listing', read: () => ({ format: 'listing', records: readLabelled(text, file, 'listing'), issues: [] }) };
  }
  if (looksLikeListing(text)) return { format: 'listing', read: () => readListing(text, file) };
  if (ext === '.bib' || ext === '.bibtex') return { format: 'bibtex', read: () => readBibtex(text, file) };
  if (ext === '.ris') return { format: 'ris', read: () => readRis(text, file) };
  if (ext === '.csv' || ext === '.tsv') {
    return { format: null, reason: unknownHeaderReason(text) };
  }
  return { format: 'text', read: () => readPlainText(text, file) };
}

/** The `Abstract:`-prefixed listing layout: several abstracts, no titles given (abstract lines follow each other). */
function isAbstractListing(text: string): boolean {
  if (!/^\s*(?:[-*]\s+)?(?:\*\*|__)?(?:abstract|summary)/im.test(text.slice(0, 262_144))) return false;
  const stats = labelStats(text.split('\n'));
  return stats.abstracts >= 2 && stats.titles === 0 && stats.labelled === stats.abstracts && stats.precededByText <= stats.abstracts / 2;
}

function jsonParses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
