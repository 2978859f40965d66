import { tfidf, withExtraColumns, type FeatureMatrix } from './features.js';
import { LITREV_RANKER, rankUnlabelled, scoreAll, trainRanker, type RankerConfig } from './ranker.js';
import { retrainDue } from './retrain-schedule.js';

/** A paper as the prioritiser sees it: its text, and the features a review run adds (may be empty). */
export interface PrioritisedPaper {
  id: string;
  title: string;
  abstract: string;
  /** Numbers from a run's screening (its decision, criteria answers); the same length for every paper. */
  extra: readonly number[];
}

/**
 * Orders unlabelled papers by a relevance model trained on the labels so far, retrained on the
 * schedule of retrain-schedule.ts. Until both a relevant and an irrelevant label exist there is
 * nothing to learn from, and `rank` keeps the order it is given.
 */
export class Prioritiser {
  private readonly matrix: FeatureMatrix;
  private readonly row = new Map<string, number>();
  private readonly ids: string[];
  private scores: Float64Array | null = null;
  private trainedAt = -1;

  constructor(papers: readonly PrioritisedPaper[], private readonly seed: number, private readonly config: RankerConfig = LITREV_RANKER) {
    papers.forEach((p, i) => this.row.set(p.id, i));
    this.ids = papers.map((p) => p.id);
    this.matrix = withExtraColumns(tfidf(papers, config.features), papers.map((p) => p.extra));
  }

  /** True once the labels hold both classes (the model is in use). */
  get trained(): boolean {
    return this.scores !== null;
  }

  /** `ids` best first by the model trained on `labels` (paper id -> relevant); unchanged before it can train. */
  rank(ids: readonly string[], labels: ReadonlyMap<string, boolean>): string[] {
    const byRow = new Map<number, boolean>();
    for (const [id, relevant] of labels) {
      const i = this.row.get(id);
      if (i !== undefined) byRow.set(i, relevant);
    }
    const classes = new Set(byRow.values());
    if (classes.size < 2) return [...ids];
    if (this.scores === null || retrainDue(byRow.size, this.trainedAt)) {
      this.scores = scoreAll(this.matrix, trainRanker(this.matrix, byRow, this.config, this.seed));
      this.trainedAt = byRow.size;
    }
    const wanted = new Set(ids.map((id) => this.row.get(id)).filter((i): i is number => i !== undefined));
    const order = rankUnlabelled(this.scores, { has: (i) => !wanted.has(i) }).map((i) => this.ids[i]!);
    const known = new Set(order);
    return [...order, ...ids.filter((id) => !known.has(id))];
  }
}
