import { createReadStream } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import path from 'node:path';
import { LitrevError, NoInputError } from '../errors.js';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { FileWriteError } from '../fs/write-error.js';
import { fsReason } from './collect-files.js';
import { corpusHash } from './corpus-hash.js';
import type { IngestReport } from './ingest.js';
import { legacySources, type CorpusSource, type CorpusState } from './corpus-sources.js';
import type { Corpus, Paper } from './paper.js';
import { aliasIds } from './paper-id.js';

/** The stored corpus file inside the workspace. */
export const CORPUS_FILE = 'corpus.json';
/** Every citation key ever given in the workspace (id -> key), so keys stay sticky. */
export const KEYS_FILE = 'keys.json';
const VERSION = 1;

interface StoredCorpus {
  version: number;
  savedAt: string;
  hash: string;
  count: number;
  /** The inputs the papers came from (absent in corpora stored before sources were recorded). */
  sources?: CorpusSource[];
  papers: Paper[];
}

/** Path of the corpus file of a workspace. */
export function corpusPath(workspaceDir: string): string {
  return path.join(workspaceDir, CORPUS_FILE);
}

/**
 * Store the ingested corpus in the workspace, atomically (temp file + rename), one paper per line. The key
 * registry (`keys.json`) keeps every earlier assignment and adds this corpus's (under each paper's id and
 * alias ids), so a paper keeps its key across re-ingests, even after an ingest that left it out.
 */
export async function saveCorpus(workspaceDir: string, report: IngestReport): Promise<Corpus> {
  return saveCorpusState(workspaceDir, { papers: report.papers, sources: legacySources(report.papers) });
}

/** Store a corpus with its sources (see corpus-sources.ts), atomically, and extend the key registry. */
export async function saveCorpusState(workspaceDir: string, state: CorpusState): Promise<Corpus> {
  const corpus: Corpus = { papers: state.papers, hash: corpusHash(state.papers) };
  const keys = await loadPreviousKeys(workspaceDir);
  for (const p of state.papers) {
    for (const id of [p.id, ...aliasIds(p)]) keys.set(id, p.key);
  }
  try {
    await writeFileAtomic(path.join(workspaceDir, KEYS_FILE), keyChunks(keys));
    const head = { version: VERSION, savedAt: new Date().toISOString(), hash: corpus.hash, count: corpus.papers.length, sources: state.sources };
    await writeFileAtomic(corpusPath(workspaceDir), corpusChunks(head, corpus.papers));
  } catch (err) {
    if (err instanceof FileWriteError) throw err;
    throw new LitrevError(`cannot store the corpus in ${workspaceDir}: ${fsReason(err)}`, { hint: 'choose another folder with --workspace DIR' });
  }
  return corpus;
}

function* keyChunks(keys: ReadonlyMap<string, string>): Generator<string> {
  yield `{"version":${VERSION},"keys":{`;
  let chunk = '';
  let first = true;
  for (const [id, key] of keys) {
    chunk += `${first ? '' : ','}\n${JSON.stringify(id)}:${JSON.stringify(key)}`;
    first = false;
    if (chunk.length > 1 << 20) {
      yield chunk;
      chunk = '';
    }
  }
  yield `${chunk}\n}}\n`;
}

function* corpusChunks(head: Omit<StoredCorpus, 'papers'>, papers: readonly Paper[]): Generator<string> {
  yield `${JSON.stringify(head).slice(0, -1)},"papers":[\n`;
  let chunk = '';
  for (let i = 0; i < papers.length; i++) {
    chunk += JSON.stringify(papers[i]) + (i < papers.length - 1 ? ',\n' : '\n');
    if (chunk.length > 1 << 20) {
      yield chunk;
      chunk = '';
    }
  }
  yield `${chunk}]}\n`;
}

/** The stored corpus, or null when the workspace has none. A damaged file is a NoInputError. */
export async function loadCorpus(workspaceDir: string): Promise<Corpus | null> {
  const data = await loadStored(workspaceDir);
  return data && { papers: data.papers, hash: data.hash };
}

/** The stored corpus with its sources, or null when the workspace has none. */
export async function loadCorpusState(workspaceDir: string): Promise<CorpusState | null> {
  const data = await loadStored(workspaceDir);
  return data && { papers: data.papers, sources: Array.isArray(data.sources) ? data.sources : legacySources(data.papers) };
}

async function loadStored(workspaceDir: string): Promise<StoredCorpus | null> {
  const file = corpusPath(workspaceDir);
  const data = await readJson(file);
  if (data === null) return null;
  if (!isStored(data)) {
    throw new NoInputError(`the stored corpus ${file} is not a litrev corpus (version ${VERSION})`, 'run `litrev ingest PATH` again');
  }
  return data;
}

/** What the stored corpus's head says: its hash and paper count. */
export interface CorpusHead {
  hash: string;
  count: number;
}

/**
 * The hash and paper count of the stored corpus, read from the head of its file without parsing the papers
 * (saveCorpusState writes them first). Null when the workspace has no corpus, or its file does not start that way
 * (then loadCorpus tells what is wrong with it).
 */
export async function readCorpusHead(workspaceDir: string): Promise<CorpusHead | null> {
  let file;
  try {
    file = await open(corpusPath(workspaceDir), 'r');
  } catch {
    return null;
  }
  try {
    let text = '';
    const buf = Buffer.alloc(1 << 16);
    for (let at = 0; text.length < 1 << 24; ) {
      const { bytesRead } = await file.read(buf, 0, buf.length, at);
      if (bytesRead === 0) return null;
      at += bytesRead;
      text += buf.toString('latin1', 0, bytesRead);
      const end = text.indexOf(',"papers":[');
      if (end < 0) continue;
      const head = JSON.parse(Buffer.from(`${text.slice(0, end)}}`, 'latin1').toString('utf8')) as Partial<StoredCorpus>;
      return head.version === VERSION && typeof head.hash === 'string' && typeof head.count === 'number' ? { hash: head.hash, count: head.count } : null;
    }
    return null;
  } catch {
    return null;
  } finally {
    await file.close();
  }
}

/**
 * The papers of the stored corpus one at a time, read line by line (saveCorpusState writes one paper a line), so
 * the whole corpus is never held at once. A file laid out otherwise is read whole (loadCorpus); a damaged line is
 * a NoInputError.
 */
export async function* storedPapers(workspaceDir: string): AsyncGenerator<Paper> {
  const file = corpusPath(workspaceDir);
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let first = true;
  for await (const line of lines) {
    if (first) {
      first = false;
      if (line.endsWith('"papers":[')) continue;
      lines.close();
      yield* (await loadCorpus(workspaceDir))?.papers ?? [];
      return;
    }
    if (line === ']}') return;
    let paper: unknown;
    try {
      paper = JSON.parse(line.endsWith(',') ? line.slice(0, -1) : line);
    } catch {
      throw new NoInputError(`${file} is damaged (not valid JSON)`, 'run `litrev ingest PATH` again');
    }
    if (!isPaper(paper)) throw new NoInputError(`the stored corpus ${file} is not a litrev corpus (version ${VERSION})`, 'run `litrev ingest PATH` again');
    yield paper;
  }
}

/** The workspace's key registry (id -> key); empty when there is none or it cannot be read. */
export async function loadPreviousKeys(workspaceDir: string): Promise<Map<string, string>> {
  try {
    const data = (await readJson(path.join(workspaceDir, KEYS_FILE))) as { keys?: Record<string, unknown> } | null;
    const entries = Object.entries(data?.keys ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string');
    return new Map(entries);
  } catch {
    return new Map();
  }
}

async function readJson(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new NoInputError(`cannot read ${file}: ${fsReason(err)}`, 'run `litrev ingest PATH` again');
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new NoInputError(`${file} is damaged (not valid JSON)`, 'run `litrev ingest PATH` again');
  }
}

function isStored(data: unknown): data is StoredCorpus {
  if (!data || typeof data !== 'object') return false;
  const d = data as Partial<StoredCorpus>;
  return (
    d.version === VERSION &&
    typeof d.hash === 'string' &&
    Array.isArray(d.papers) &&
    d.papers.every(isPaper)
  );
}

function isPaper(p: unknown): p is Paper {
  const x = p as Partial<Paper> | null;
  return !!x && typeof x.id === 'string' && typeof x.key === 'string' && typeof x.title === 'string' && typeof x.abstract === 'string';
}
