import type { Paper } from '../corpus/paper.js';
import type { Annotation, Taxonomy } from './annotation.js';
import type { CriteriaScreening, CriteriaSet } from './criteria.js';
import type { ReviewDraft } from './review-draft.js';

/** What a stage may report while it works; the pipeline turns these into ReviewEvents. */
export interface StageContext {
  signal: AbortSignal;
  progress(done: number, total: number, failed: number): void;
  paperFailed(paperId: string, reason: string): void;
  warn(message: string): void;
}

/** The papers a taxonomy file lists in a category (as taxonomy.json writes them): they stay there. */
export interface ListedPapers {
  paperIds?: string[];
  paperKeys?: (string | null)[];
}

export interface CategorySpec extends ListedPapers {
  id: string;
  name: string;
  definition: string;
  /** A two-level taxonomy: the category's subcategories (papers of the category are placed among them). */
  subcategories?: ({ id: string; name: string; definition: string } & ListedPapers)[];
}

export interface Relevance {
  relevant: boolean;
  reason: string;
  /**
   * false: the offline engine found no evidence either way and kept the paper ("not judged offline");
   * absent or true: the decision rests on evidence (a model's answer, or words that meet a rule).
   */
  judged?: boolean;
  /** --topic offline: the paper's place when the corpus is ranked by its match to the topic (1 = best). */
  rank?: number;
}

/**
 * The stages of a review, implemented twice: by the model (model-engine.ts) and by the offline
 * extractive engine (offline-engine.ts). The pipeline does not know which one it drives.
 */
export interface ReviewEngine {
  readonly kind: 'offline' | 'model';
  screen(papers: Paper[], topic: string, ctx: StageContext): Promise<Map<string, Relevance>>;
  /** --criteria: every paper answered against every criterion, and the decision computed from the answers. */
  screenCriteria(papers: Paper[], criteria: CriteriaSet, ctx: StageContext): Promise<Map<string, CriteriaScreening>>;
  /** One annotation per paper, in the same order; a paper that fails has status 'failed' and a reason. */
  classify(papers: Paper[], ctx: StageContext): Promise<Annotation[]>;
  induceTaxonomy(papers: Paper[], annotations: Annotation[], ctx: StageContext): Promise<Taxonomy>;
  applyTaxonomy(papers: Paper[], annotations: Annotation[], categories: CategorySpec[], ctx: StageContext): Promise<Taxonomy>;
  synthesize(
    input: { papers: Paper[]; annotations: Annotation[]; taxonomy: Taxonomy; topic?: string },
    ctx: StageContext,
  ): Promise<ReviewDraft>;
}
