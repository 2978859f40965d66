import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Postings } from '../query/corpus-table.js';

/**
 * The corpus table's inverted index of the stored corpus, kept on disk next to it (`<workspace>/qa-index/`) so
 * that `ask` and `chat` over a large corpus do not analyse every abstract again: its terms as JSON and their
 * postings as one Uint32 array, read back as views without parsing a number. The files of one corpus share a stem
 * named by the corpus hash (see indexStem), so a changed corpus invalidates them; the store of the papers themselves
 * (paper-store.ts) sits beside them under the same stem. Nothing stored depends on a review (its annotations are read
 * from the run at every question), so a new review keeps the store: `ingest` and `review` build it, and a question
 * finds it.
 * (A serialised MiniSearch index was measured too: at 100,000 papers reading it back took 2 GB, so large corpora
 * rank lookups over candidates from these postings instead: see candidate-retriever.ts.)
 */
export const INDEX_DIR = 'qa-index';
/** 2: stems of -ction and -ssion words (match-text.ts). */
const VERSION = 2;

/** The path, without extension, of the index files of this corpus. */
export function indexStem(workspaceDir: string, hash: string): string {
  return path.join(workspaceDir, INDEX_DIR, `${hash.slice(0, 16)}-v${VERSION}`);
}

/** The postings stored under `stem`, or null when they are missing, damaged or of another size of corpus. */
export async function readPostings(stem: string, size: number): Promise<Postings | null> {
  try {
    const head = JSON.parse(await readFile(`${stem}.terms.json`, 'utf8')) as { version?: number; size?: number; terms?: string[]; lengths?: number[] };
    if (head.version !== VERSION || head.size !== size || !Array.isArray(head.terms) || !Array.isArray(head.lengths)) return null;
    const buf = await readFile(`${stem}.postings.bin`);
    const all = new Uint32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4);
    const out: Postings = new Map();
    let at = 0;
    head.terms.forEach((t, i) => {
      const n = head.lengths![i]!;
      out.set(t, all.subarray(at, at + n));
      at += n;
    });
    return at === all.length ? out : null;
  } catch {
    return null;
  }
}

export async function writePostings(stem: string, postings: Postings, size: number): Promise<void> {
  await mkdir(path.dirname(stem), { recursive: true });
  const terms = [...postings.keys()];
  const lengths = terms.map((t) => postings.get(t)!.length);
  const all = new Uint32Array(lengths.reduce((a, b) => a + b, 0));
  let at = 0;
  for (const t of terms) {
    all.set(postings.get(t)!, at);
    at += postings.get(t)!.length;
  }
  await writeFile(`${stem}.postings.bin`, all);
  await writeFile(`${stem}.terms.json`, JSON.stringify({ version: VERSION, size, terms, lengths }));
}

/** Remove the index files of earlier corpora (and those named by a review run, by earlier versions): no longer valid. */
export async function clearOtherIndexes(stem: string): Promise<void> {
  const dir = path.dirname(stem);
  const names = await readdir(dir).catch(() => [] as string[]);
  await Promise.all(names.filter((n) => !n.startsWith(path.basename(stem))).map((n) => rm(path.join(dir, n), { force: true })));
}
