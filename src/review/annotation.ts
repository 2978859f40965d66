import type { CriteriaScreening } from './criteria.js';

/** What the classify stage produces for one paper (model or offline engine alike). */
export const CONTRIBUTION_TYPES = [
  'method',
  'system',
  'benchmark-or-dataset',
  'survey',
  'theory',
  'empirical-study',
  'position',
] as const;
export type ContributionType = (typeof CONTRIBUTION_TYPES)[number];

export interface Claim {
  /** The claim in a few words. */
  text: string;
  /** Verbatim quote from the abstract that supports it. */
  quote: string;
  quantitative: boolean;
  metric: string | null;
  value: string | null;
  baseline: string | null;
}

export interface Annotation {
  paperId: string;
  /** 'excluded': screened out by --topic (see relevance); not classified. */
  status: 'ok' | 'failed' | 'excluded';
  /** Why the paper failed (status 'failed'). */
  error?: string;
  contributionType: ContributionType | null;
  /** Why the offline engine chose contributionType: the cues it found, with their weights. */
  typeEvidence?: string[];
  problem: string;
  methodFamily: string;
  methodSummary: string;
  tasks: string[];
  datasets: string[];
  models: string[];
  claims: Claim[];
  /** Claims the model returned whose quote is not verbatim in the abstract: kept for the record, never used. */
  rejectedClaims?: { claim: Claim; reason: string }[];
  /** --topic screening: whether the paper is relevant, and why. */
  relevance?: { relevant: boolean; reason: string; judged?: boolean; rank?: number };
  /** --criteria screening: the answer per criterion, and the decision computed from them. */
  screening?: CriteriaScreening;
}

/** A group inside a category (large corpora get a two-level taxonomy). Its papers are also the category's. */
export interface TaxonomySubcategory {
  /** `<category id>.<n>`, e.g. `c1.2`. */
  id: string;
  name: string;
  definition: string;
  paperIds: string[];
}

export interface TaxonomyCategory {
  id: string;
  name: string;
  definition: string;
  paperIds: string[];
  /** Present when the category was split: every paper of the category is in exactly one subcategory. */
  subcategories?: TaxonomySubcategory[];
}

export interface Taxonomy {
  source: 'induced' | 'file' | 'offline';
  categories: TaxonomyCategory[];
}

/** An annotation with no content: for a paper that failed or was screened out. */
export function emptyAnnotation(
  paperId: string,
  status: 'failed' | 'excluded',
  extra: { error?: string; relevance?: Annotation['relevance']; screening?: CriteriaScreening } = {},
): Annotation {
  return {
    paperId,
    status,
    ...(extra.error !== undefined ? { error: extra.error } : {}),
    contributionType: null,
    problem: '',
    methodFamily: '',
    methodSummary: '',
    tasks: [],
    datasets: [],
    models: [],
    claims: [],
    ...(extra.relevance ? { relevance: extra.relevance } : {}),
    ...(extra.screening ? { screening: extra.screening } : {}),
  };
}
