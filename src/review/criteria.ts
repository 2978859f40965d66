/** Screening by explicit inclusion and exclusion criteria (`litrev review --criteria FILE`). */

export type CriterionKind = 'inclusion' | 'exclusion';

export interface Criterion {
  /** Short id, unique in the file (`I1`, `E2`, `human-subjects`). */
  id: string;
  kind: CriterionKind;
  /** One sentence a screener can answer about an abstract. */
  text: string;
  /** Terms and phrases the offline engine looks for, as the file gives them (empty: it uses the sentence's content words). */
  terms: string[];
}

export interface CriteriaSet {
  /** The file the criteria came from (recorded in run.json). */
  source: string;
  criteria: Criterion[];
}

export const CRITERION_ANSWERS = ['met', 'not-met', 'unclear'] as const;
export type CriterionAnswerValue = (typeof CRITERION_ANSWERS)[number];

/** One answer about one paper and one criterion. */
export interface CriterionAnswer {
  criterion: string;
  answer: CriterionAnswerValue;
  reason: string;
  /** Verbatim words of the title or abstract behind the answer, when there are any. */
  quote: string | null;
}

/** A paper's screening: every answer, the decision computed from them, and what excluded it. */
export interface CriteriaScreening {
  decision: 'include' | 'exclude';
  answers: CriterionAnswer[];
  /** Ids of the criteria that excluded the paper (an inclusion criterion not met, an exclusion criterion met), in file order. */
  excludedBy: string[];
}

/**
 * The decision, computed in code from the answers (recall first): include when every inclusion
 * criterion is met or unclear and no exclusion criterion is met. "unclear" never excludes. A
 * criterion without an answer counts as unclear.
 */
export function decideScreening(criteria: readonly Criterion[], answers: readonly CriterionAnswer[]): CriteriaScreening {
  const byId = new Map(answers.map((a) => [a.criterion, a]));
  const ordered = criteria.map(
    (c) => byId.get(c.id) ?? { criterion: c.id, answer: 'unclear' as const, reason: 'no answer for this criterion', quote: null },
  );
  const excludedBy = criteria
    .filter((c, i) => (c.kind === 'inclusion' ? ordered[i]!.answer === 'not-met' : ordered[i]!.answer === 'met'))
    .map((c) => c.id);
  return { decision: excludedBy.length === 0 ? 'include' : 'exclude', answers: ordered, excludedBy };
}

/** The one-line reason of a screening decision, for the relevance column. */
export function screeningReason(criteria: readonly Criterion[], s: CriteriaScreening): string {
  if (s.decision === 'include') {
    const unclear = s.answers.filter((a) => a.answer === 'unclear').map((a) => a.criterion);
    return `included: no criterion excludes it${unclear.length ? ` (unclear: ${unclear.join(', ')})` : ''}`;
  }
  const first = s.excludedBy[0]!;
  const c = criteria.find((x) => x.id === first);
  const a = s.answers.find((x) => x.criterion === first);
  const how = c?.kind === 'exclusion' ? 'exclusion criterion met' : 'inclusion criterion not met';
  return `excluded by ${s.excludedBy.join(', ')} (${first}: ${how}${a?.reason ? `: ${a.reason}` : ''})`;
}
