import type { EmbedFn } from './types.js';

/** Characters of a paper's text that are embedded (well inside the usual 8k-token limit). */
const MAX_CHARS = 6000;

export interface EmbeddingIndex {
  /** Indices of the `k` documents most similar to `query`, best first. */
  nearest(query: string, k: number, signal?: AbortSignal): Promise<{ index: number; similarity: number }[] | null>;
}

/**
 * Dense vectors of every document, built on first use through `embed`. When the endpoint has no
 * embeddings (`embed` returns null) the index reports null and the caller ranks lexically.
 */
export function createEmbeddingIndex(texts: readonly string[], embed: EmbedFn): EmbeddingIndex {
  let vectors: Float32Array[] | null | undefined;
  let building: Promise<Float32Array[] | null> | undefined;

  /** One call for the whole corpus: the gateway batches, caches per text and runs requests in parallel. */
  async function build(signal?: AbortSignal): Promise<Float32Array[] | null> {
    const result = await embed(texts.map((t) => t.slice(0, MAX_CHARS)), signal);
    if (result === null || result.length !== texts.length) return null;
    return result.map(normalise);
  }

  return {
    async nearest(query, k, signal) {
      if (vectors === undefined) {
        building ??= build(signal);
        try {
          vectors = await building;
        } finally {
          building = undefined;
        }
      }
      if (vectors === null) return null;
      const q = await embed([query], signal);
      if (q === null || q[0] === undefined) return null;
      return topK(vectors, normalise(q[0]), k);
    },
  };
}

function normalise(v: readonly number[]): Float32Array {
  let norm = 0;
  for (const x of v) norm += x * x;
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  const out = new Float32Array(v.length);
  for (let i = 0; i < v.length; i++) out[i] = v[i]! * scale;
  return out;
}

/** Cosine similarity (vectors are unit length) of every document, keeping the best `k`. */
export function topK(vectors: readonly Float32Array[], q: Float32Array, k: number): { index: number; similarity: number }[] {
  const scored: { index: number; similarity: number }[] = [];
  for (let i = 0; i < vectors.length; i++) {
    const v = vectors[i]!;
    if (v.length !== q.length) continue;
    let dot = 0;
    for (let j = 0; j < q.length; j++) dot += v[j]! * q[j]!;
    scored.push({ index: i, similarity: dot });
  }
  scored.sort((a, b) => b.similarity - a.similarity || a.index - b.index);
  return scored.slice(0, k);
}
