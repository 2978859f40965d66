/**
 * Reciprocal rank fusion (Cormack et al., 2009): each ranking adds 1 / (k + rank) for every item
 * it returns. Robust to rankings whose scores are on different scales (BM25 vs cosine).
 */
export const RRF_K = 60;

export interface FusedItem<T> {
  item: T;
  score: number;
  /** 1-based rank of the item in each input ranking, null where absent. */
  ranks: (number | null)[];
}

/** Fuse rankings of items identified by `keyOf`; ties keep the order of the first ranking. */
export function reciprocalRankFusion<T>(rankings: readonly (readonly T[])[], keyOf: (item: T) => string | number, k = RRF_K): FusedItem<T>[] {
  const fused = new Map<string | number, FusedItem<T> & { firstSeen: number }>();
  let seen = 0;
  rankings.forEach((ranking, r) => {
    ranking.forEach((item, i) => {
      const key = keyOf(item);
      let entry = fused.get(key);
      if (!entry) {
        entry = { item, score: 0, ranks: rankings.map(() => null), firstSeen: seen++ };
        fused.set(key, entry);
      }
      entry.score += 1 / (k + i + 1);
      entry.ranks[r] = i + 1;
    });
  });
  return [...fused.values()]
    .sort((a, b) => b.score - a.score || a.firstSeen - b.firstSeen)
    .map(({ item, score, ranks }) => ({ item, score, ranks }));
}
