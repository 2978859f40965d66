import { Prioritiser } from '../screening/prioritiser.js';
import type { LabelItem } from './label-item.js';
import type { Reranker } from './label-session.js';

/**
 * The features a review run adds to a paper (litrev label --run): its decision (+0.5 kept, -0.5 set
 * aside), how many criteria it answered "unclear", and one column per criterion that excluded it.
 * Papers without a run decision get zeros, so the text alone decides for them.
 */
export function runFeatures(items: readonly LabelItem[]): number[][] {
  if (!items.some((i) => i.suggestion)) return items.map(() => []);
  const criteria = [...new Set(items.flatMap((i) => i.suggestion?.excludedBy ?? []))].sort();
  return items.map((i) => {
    const s = i.suggestion;
    if (!s) return [0, 0, ...criteria.map(() => 0)];
    return [s.included ? 0.5 : -0.5, 0.1 * s.unclear, ...criteria.map((c) => (s.excludedBy.includes(c) ? 0.5 : 0))];
  });
}

/**
 * The ranked order of `litrev label`: a relevance model (TF-IDF and a linear SVM, src/screening) over
 * the papers' text and the run's decisions, trained on the include/exclude labels so far. Until there
 * is one label of each kind, the papers a run kept come first (most certain first), then the rest in
 * the order given.
 */
export function labelReranker(items: readonly LabelItem[], seed: number): Reranker {
  const extra = runFeatures(items);
  const model = new Prioritiser(items.map((i, k) => ({ id: i.id, title: i.title, abstract: i.abstract, extra: extra[k]! })), seed);
  const byId = new Map(items.map((i) => [i.id, i]));
  return {
    rank(ids, labels) {
      const ranked = model.rank(ids, labels);
      if (model.trained) return ranked;
      const keptFirst = (id: string) => {
        const s = byId.get(id)?.suggestion;
        return s?.included && s.status !== 'failed' ? s.unclear : Infinity;
      };
      return ranked.map((id, k) => ({ id, k, w: keptFirst(id) })).sort((a, b) => a.w - b.w || a.k - b.k).map((x) => x.id);
    },
  };
}
