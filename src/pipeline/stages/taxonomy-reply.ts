import type { ChatMessage, StructuredResult } from '../../model/types.js';
import { ModelRequestError } from '../../model/model-errors.js';
import { StageFailedError } from '../stage-failed-error.js';
import { CategoryProposalSchema, type CategoryProposal } from './reply-schemas.js';
import type { ModelStageDeps } from './model-stage-deps.js';

/** The number of categories a final taxonomy must have. */
export interface CategoryRule {
  min: number;
  max: number;
}

/**
 * Ask for category proposals and check them: the schema, and (for the final proposal) the category count rule.
 * A reply that breaks either is asked again once with the error, like a classification batch; if it still fails,
 * or the request itself failed for good, the run stops with a StageFailedError (exit 1).
 */
export async function proposeCategories(
  deps: ModelStageDeps,
  messages: ChatMessage[],
  rule: CategoryRule | null,
  signal: AbortSignal | undefined,
): Promise<CategoryProposal[]> {
  const ask = async (msgs: ChatMessage[]) => {
    try {
      return await deps.gateway.structured({ stage: 'taxonomy', schemaName: 'taxonomy', schema: CategoryProposalSchema, messages: msgs, sample: deps.sample, signal });
    } catch (err) {
      if (err instanceof ModelRequestError) throw new StageFailedError('taxonomy', err.message, err);
      throw err;
    }
  };
  const first = await ask(messages);
  const problem = check(first, rule);
  if (problem === null) return categoriesOf(first);
  const repaired = await ask([
    ...messages,
    { role: 'assistant', content: first.raw },
    { role: 'user', content: `Your previous answer was rejected: ${problem}\nAnswer again with valid JSON that follows the schema${rule ? `, with between ${rule.min} and ${rule.max} categories` : ''}.` },
  ]);
  const still = check(repaired, rule);
  if (still === null) return categoriesOf(repaired);
  throw new StageFailedError('taxonomy', `the taxonomy reply was rejected twice (${still})`);
}

/** What is wrong with a proposal reply, or null. */
function check(result: StructuredResult<{ categories: CategoryProposal[] }>, rule: CategoryRule | null): string | null {
  if (!result.ok) return `${result.kind}: ${result.error}`;
  const n = categoriesOf(result).length;
  if (n === 0) return 'no categories were proposed';
  if (rule && (n < rule.min || n > rule.max)) return `${n} categories (with distinct, non-empty names) where between ${rule.min} and ${rule.max} are required`;
  return null;
}

/** Named categories, the first of each name (case-insensitive). */
function categoriesOf(result: StructuredResult<{ categories: CategoryProposal[] }>): CategoryProposal[] {
  if (!result.ok) return [];
  const seen = new Set<string>();
  return result.value.categories.filter((c) => {
    const k = c.name.trim().toLowerCase();
    if (k === '' || seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
