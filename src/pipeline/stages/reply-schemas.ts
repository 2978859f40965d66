import { z } from 'zod';
import { CONTRIBUTION_TYPES } from '../../review/annotation.js';
import { CRITERION_ANSWERS } from '../../review/criteria.js';

/**
 * The structured-output schemas of the model stages. Valid under OpenAI's strict rules:
 * every property required, no optional properties (optional values are nullable).
 */
export const ClaimSchema = z.object({
  text: z.string(),
  quote: z.string(),
  quantitative: z.boolean(),
  metric: z.string().nullable(),
  value: z.string().nullable(),
  baseline: z.string().nullable(),
});

export const PaperAnnotationSchema = z.object({
  id: z.string(),
  contributionType: z.enum(CONTRIBUTION_TYPES),
  problem: z.string(),
  methodFamily: z.string(),
  methodSummary: z.string(),
  tasks: z.array(z.string()),
  datasets: z.array(z.string()),
  models: z.array(z.string()),
  claims: z.array(ClaimSchema),
});
export type PaperAnnotationOutput = z.infer<typeof PaperAnnotationSchema>;
export const ClassifyBatchSchema = z.object({ items: z.array(PaperAnnotationSchema) });

export const ScreenItemSchema = z.object({ id: z.string(), relevant: z.boolean(), reason: z.string() });
export type ScreenItem = z.infer<typeof ScreenItemSchema>;
export const ScreenBatchSchema = z.object({ items: z.array(ScreenItemSchema) });

export const CriteriaItemSchema = z.object({
  id: z.string(),
  answers: z.array(z.object({ criterion: z.string(), answer: z.enum(CRITERION_ANSWERS), reason: z.string(), quote: z.string().nullable() })),
});
export type CriteriaItem = z.infer<typeof CriteriaItemSchema>;
export const CriteriaBatchSchema = z.object({ items: z.array(CriteriaItemSchema) });

export const CategoryProposalSchema = z.object({
  categories: z.array(z.object({ name: z.string(), definition: z.string() })),
});
export type CategoryProposal = z.infer<typeof CategoryProposalSchema>['categories'][number];

/** The assign schema restricts categoryId to the taxonomy's ids, so an invented id is a schema error. */
export function assignBatchSchema(categoryIds: [string, ...string[]]) {
  return z.object({ items: z.array(z.object({ id: z.string(), categoryId: z.enum(categoryIds) })) });
}
export type AssignItem = { id: string; categoryId: string };

export const SectionSchema = z.object({ body: z.string() });
export const OverviewSchema = z.object({ overview: z.string(), openProblems: z.string() });
