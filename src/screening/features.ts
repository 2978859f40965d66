import { FUNCTION_WORDS } from '../text/function-words.js';

/** One document as a sparse vector: term indices (ascending) and their weights (L2-normalised). */
export interface SparseRow {
  idx: Int32Array;
  val: Float32Array;
}

/** A corpus as features: one row per document, and how many columns there are. */
export interface FeatureMatrix {
  rows: SparseRow[];
  dim: number;
}

export interface TfidfOptions {
  /** 1: words only; 2: words and adjacent word pairs. */
  ngrams: 1 | 2;
  /** 1 + log(tf) instead of the raw count. */
  sublinearTf: boolean;
  /** Leave out English function words. */
  stopWords: boolean;
  /** A term (or pair) must occur in at least this many documents. */
  minDf: number;
}

/** What a document is made of for screening: its title and abstract. */
export interface ScreeningText {
  title: string;
  abstract: string;
}

const WORD = /[\p{L}\p{N}_]{2,}/gu;

/** Lower-cased words of two or more letters or digits (scikit-learn's default token pattern). */
export function screeningTokens(text: string, stopWords: boolean): string[] {
  const out: string[] = [];
  for (const m of text.toLowerCase().matchAll(WORD)) if (!stopWords || !FUNCTION_WORDS.has(m[0])) out.push(m[0]);
  return out;
}

function terms(doc: ScreeningText, o: TfidfOptions): string[] {
  const words = screeningTokens(`${doc.title}\n${doc.abstract}`, o.stopWords);
  if (o.ngrams === 1) return words;
  const pairs: string[] = [];
  for (let i = 1; i < words.length; i++) pairs.push(`${words[i - 1]} ${words[i]}`);
  return words.concat(pairs);
}

/**
 * TF-IDF features as scikit-learn's TfidfVectorizer computes them (smooth idf: ln((1 + n) / (1 + df)) + 1,
 * rows L2-normalised), over the title and abstract. Columns are numbered in first-seen order, so the
 * same documents in the same order always give the same matrix.
 */
export function tfidf(docs: readonly ScreeningText[], o: TfidfOptions): FeatureMatrix {
  const counts = docs.map((d) => {
    const c = new Map<string, number>();
    for (const t of terms(d, o)) c.set(t, (c.get(t) ?? 0) + 1);
    return c;
  });
  const df = new Map<string, number>();
  for (const c of counts) for (const t of c.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  const column = new Map<string, number>();
  for (const [t, n] of df) if (n >= o.minDf) column.set(t, column.size);
  const n = docs.length;
  const idf = new Float64Array(column.size);
  for (const [t, j] of column) idf[j] = Math.log((1 + n) / (1 + df.get(t)!)) + 1;
  const rows = counts.map((c) => {
    const entries: [number, number][] = [];
    for (const [t, f] of c) {
      const j = column.get(t);
      if (j !== undefined) entries.push([j, (o.sublinearTf ? 1 + Math.log(f) : f) * idf[j]!]);
    }
    entries.sort((a, b) => a[0] - b[0]);
    const norm = Math.sqrt(entries.reduce((s, [, v]) => s + v * v, 0)) || 1;
    return { idx: Int32Array.from(entries, (e) => e[0]), val: Float32Array.from(entries, (e) => e[1] / norm) };
  });
  return { rows, dim: column.size };
}

/** Append dense extra columns (e.g. a run's criteria answers) to every row, after the text's columns. */
export function withExtraColumns(m: FeatureMatrix, extra: readonly (readonly number[])[]): FeatureMatrix {
  const width = extra[0]?.length ?? 0;
  if (width === 0) return m;
  const rows = m.rows.map((r, i) => {
    const e = extra[i] ?? [];
    const idx = new Int32Array(r.idx.length + width);
    const val = new Float32Array(r.val.length + width);
    idx.set(r.idx);
    val.set(r.val);
    for (let k = 0; k < width; k++) {
      idx[r.idx.length + k] = m.dim + k;
      val[r.val.length + k] = e[k] ?? 0;
    }
    return { idx, val };
  });
  return { rows, dim: m.dim + width };
}

/** w · x for a sparse row. */
export function dot(w: Float64Array, x: SparseRow): number {
  let s = 0;
  for (let k = 0; k < x.idx.length; k++) s += w[x.idx[k]!]! * x.val[k]!;
  return s;
}
