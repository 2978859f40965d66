/**
 * TF-IDF vectors over a fixed, sorted vocabulary: sublinear term frequency (1 + ln tf), smoothed
 * idf, L2-normalised. Sparse vectors keep their indices sorted, so every sum runs in a fixed order.
 */
export interface SparseVector {
  indices: number[];
  values: number[];
}

export interface TfidfModel {
  terms: string[];
  /** Document frequency of each term. */
  df: number[];
  idf: number[];
  vectors: SparseVector[];
}

export interface TfidfOptions {
  /** Terms in fewer documents are dropped (default 2, or 1 for fewer than 10 documents). */
  minDf?: number;
  /** Terms in a larger share of documents are dropped (default 0.5). */
  maxDfRatio?: number;
}

function counts(doc: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const t of doc) m.set(t, (m.get(t) ?? 0) + 1);
  return m;
}

/** Build TF-IDF vectors for documents given as lists of terms. */
export function buildTfidf(docs: readonly (readonly string[])[], options: TfidfOptions = {}): TfidfModel {
  const n = docs.length;
  const minDf = options.minDf ?? (n < 10 ? 1 : 2);
  const maxDf = Math.max(minDf, Math.floor((options.maxDfRatio ?? 0.5) * n));
  const tf = docs.map(counts);
  const dfAll = new Map<string, number>();
  for (const c of tf) for (const t of c.keys()) dfAll.set(t, (dfAll.get(t) ?? 0) + 1);
  const terms = [...dfAll].filter(([, d]) => d >= minDf && (d <= maxDf || n < 3)).map(([t]) => t).sort();
  const index = new Map(terms.map((t, i) => [t, i]));
  const df = terms.map((t) => dfAll.get(t)!);
  const idf = df.map((d) => Math.log((1 + n) / (1 + d)) + 1);
  const vectors = tf.map((c) => {
    const entries = [...c]
      .filter(([t]) => index.has(t))
      .map(([t, f]) => [index.get(t)!, (1 + Math.log(f)) * idf[index.get(t)!]!] as const)
      .sort((a, b) => a[0] - b[0]);
    const norm = Math.sqrt(entries.reduce((s, [, v]) => s + v * v, 0)) || 1;
    return { indices: entries.map(([i]) => i), values: entries.map(([, v]) => v / norm) };
  });
  return { terms, df, idf, vectors };
}

/** Dot product of a sparse vector with a dense one. */
export function dotDense(a: SparseVector, dense: Float64Array): number {
  let s = 0;
  for (let k = 0; k < a.indices.length; k++) s += a.values[k]! * dense[a.indices[k]!]!;
  return s;
}

/** Dot product of two sparse vectors (cosine, as both are normalised). */
export function dotSparse(a: SparseVector, b: SparseVector): number {
  let i = 0;
  let j = 0;
  let s = 0;
  while (i < a.indices.length && j < b.indices.length) {
    const x = a.indices[i]!;
    const y = b.indices[j]!;
    if (x === y) s += a.values[i++]! * b.values[j++]!;
    else if (x < y) i++;
    else j++;
  }
  return s;
}

/** The TF-IDF vector of a document's terms over a fixed vocabulary (`index`: term -> position). */
export function vectorOver(terms: readonly string[], index: ReadonlyMap<string, number>, idf: readonly number[]): SparseVector {
  const counts = new Map<number, number>();
  for (const t of terms) {
    const i = index.get(t);
    if (i !== undefined) counts.set(i, (counts.get(i) ?? 0) + 1);
  }
  const entries = [...counts].map(([i, f]) => [i, (1 + Math.log(f)) * idf[i]!] as const).sort((a, b) => a[0] - b[0]);
  const norm = Math.sqrt(entries.reduce((s, [, v]) => s + v * v, 0)) || 1;
  return { indices: entries.map(([i]) => i), values: entries.map(([, v]) => v / norm) };
}
