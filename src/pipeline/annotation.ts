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
  status: 'ok' | 'failed';
  /** Why the paper failed (status 'failed'). */
  error?: string;
  contributionType: ContributionType | null;
  problem: string;
  methodFamily: string;
  methodSummary: string;
  tasks: string[];
  datasets: string[];
  models: string[];
  claims: Claim[];
  /** --topic screening: whether the paper is relevant, and why. */
  relevance?: { relevant: boolean; reason: string };
}

export interface TaxonomyCategory {
  id: string;
  name: string;
  definition: string;
  paperIds: string[];
}

export interface Taxonomy {
  source: 'induced' | 'file' | 'offline';
  categories: TaxonomyCategory[];
}
