import { seededRandom } from '../text/seeded-random.js';
import type { LabelItem } from './label-item.js';

export interface OrderOptions {
  /** Keep a seeded random sample of this many papers. */
  sample?: number;
  seed: number;
}

/** Fisher-Yates shuffle with a seeded generator: the same seed gives the same order. */
export function seededShuffle<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  const random = seededRandom(seed);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** How uncertain the run was about a paper: failed first, then more "unclear" answers first. */
function uncertainty(item: LabelItem): number {
  const s = item.suggestion;
  if (!s) return 0;
  return (s.status === 'failed' ? 1000 : 0) + s.unclear;
}

/**
 * The order papers are labelled in: a seeded random order (the first `sample` of it with --sample);
 * with a run's suggestions, the run's least certain papers first (ties keep the random order).
 * Items are first sorted by id, so the order does not depend on the corpus file's order.
 */
export function labelOrder(items: readonly LabelItem[], options: OrderOptions): LabelItem[] {
  const byId = [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  let order = seededShuffle(byId, options.seed);
  if (options.sample !== undefined) order = order.slice(0, options.sample);
  if (order.some((i) => i.suggestion)) {
    order = order.map((item, rank) => ({ item, rank })).sort((a, b) => uncertainty(b.item) - uncertainty(a.item) || a.rank - b.rank).map((x) => x.item);
  }
  return order;
}
