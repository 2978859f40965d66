import { readFile, writeFile } from 'node:fs/promises';
import type { Paper } from '../corpus/paper.js';
import { abstractFigures, type ClaimRow } from '../query/paper-row.js';
import { paperMeta, type PaperMeta, type PaperSource } from '../query/paper-source.js';
import { createRecordWriter, openRecordFile } from './record-file.js';

/**
 * The stored corpus laid out for questions, so that `ask` over 100,000 papers neither reads nor parses every
 * abstract: a compact metadata table (`STEM.meta.json`: id, key, title, year, venue and authors of every paper,
 * parsed at start), the whole papers as records read by byte offset (`STEM.papers`, see record-file.ts), and the
 * figures each abstract reports, computed once when the store is built (`STEM.figures`: an extremes question
 * over the whole corpus reads the papers that report one, and parses no sentence). The inverted index beside them
 * (index-store.ts) finds the papers; only those a question answers from are read.
 *
 * Chosen over an embedded database (SQLite with FTS5 through better-sqlite3), measured over the same 100,000 papers:
 * start-up and a first query took the same time (0.66 to 0.83 s here, 0.81 to 0.92 s there), the database peaked
 * lower (106 MiB against 224 MiB, both well under 1 GB), but its tokenizer is not the table's matcher (stems, British
 * spellings, synonyms, acronyms), so the postings would be kept beside it, and the native module is compiled at
 * every install without a prebuilt binary (3 min 10 s here). Every query the table runs is a term lookup in the
 * postings or a scan of the metadata, both in memory once read. Figures and command: docs/questions.md.
 */
/** Raised whenever what is stored changes, including how abstractFigures reads a figure: a store of another version is built again. */
const VERSION = 3;

/** The metadata table by column (one array per field), the quickest form to parse. */
interface MetaColumns {
  ids: string[];
  keys: string[];
  titles: string[];
  years: (number | null)[];
  venues: (string | null)[];
  authors: string[][];
}
const COLUMNS = ['ids', 'keys', 'titles', 'years', 'venues', 'authors'] as const;

export interface PaperStore {
  source: PaperSource;
  /** The figures of a paper's abstract (empty when it reports none), as abstractFigures gives them. */
  figures(index: number): ClaimRow[];
  close(): void;
}

/**
 * Write the store of these papers under `stem`, one paper at a time (a corpus read line by line is never held
 * whole); `onPaper` sees each paper with its number (the inverted index is built beside). Returns the count.
 */
export async function writePaperStore(stem: string, hash: string, papers: AsyncIterable<Paper> | Iterable<Paper>, onPaper: (paper: Paper, index: number) => void = () => undefined): Promise<number> {
  const records = await createRecordWriter(`${stem}.papers`);
  const figures = await createRecordWriter(`${stem}.figures`);
  const columns: MetaColumns = { ids: [], keys: [], titles: [], years: [], venues: [], authors: [] };
  for await (const p of papers) {
    onPaper(p, columns.ids.length);
    const m = paperMeta(p);
    columns.ids.push(m.id);
    columns.keys.push(m.key);
    columns.titles.push(m.title);
    columns.years.push(m.year);
    columns.venues.push(m.venue);
    columns.authors.push(m.authors);
    await records.add(p);
    const f = abstractFigures(p.abstract);
    await figures.add(f.length > 0 ? f : null);
  }
  await records.close();
  await figures.close();
  // Written last: a store is complete when its metadata is there.
  await writeFile(`${stem}.meta.json`, JSON.stringify({ version: VERSION, hash, size: columns.ids.length, ...columns }));
  return columns.ids.length;
}

/** The store under `stem`, or null when it is missing, damaged or of another corpus. */
export async function openPaperStore(stem: string, hash: string): Promise<PaperStore | null> {
  let head: Partial<MetaColumns> & { version?: unknown; hash?: unknown; size?: unknown };
  try {
    head = JSON.parse(await readFile(`${stem}.meta.json`, 'utf8')) as typeof head;
  } catch {
    return null;
  }
  const size = head.size;
  if (head.version !== VERSION || head.hash !== hash || typeof size !== 'number' || !COLUMNS.every((c) => Array.isArray(head[c]) && head[c].length === size)) return null;
  const m = head as MetaColumns;
  const papers = await openRecordFile<Paper>(`${stem}.papers`, size);
  const figures = await openRecordFile<ClaimRow[]>(`${stem}.figures`, size);
  if (!papers || !figures) {
    papers?.close();
    figures?.close();
    return null;
  }
  let byKey: Map<string, number> | null = null;
  const cache = new Map<number, Paper>();
  const source: PaperSource = {
    size,
    meta: (i): PaperMeta => ({ id: m.ids[i]!, key: m.keys[i]!, title: m.titles[i]!, year: m.years[i]!, venue: m.venues[i]!, authors: m.authors[i]! }),
    paper(i) {
      let p = cache.get(i);
      if (!p) {
        p = papers.read(i)!;
        if (cache.size >= 2000) cache.delete(cache.keys().next().value!);
        cache.set(i, p);
      }
      return p;
    },
    indexOfKey(key) {
      byKey ??= new Map(m.keys.map((k, i) => [k, i]));
      return byKey.get(key);
    },
  };
  return {
    source,
    figures: (i) => (figures.has(i) ? figures.read(i)! : []),
    close() {
      papers.close();
      figures.close();
    },
  };
}
