import type { ContributionType } from '../../review/annotation.js';
import { CONTRIBUTION_TYPES } from '../../review/annotation.js';
import type { SectionPaper } from './section-paper.js';
import { countWord, listJoin } from './prose.js';

const TYPE_NOUN: Record<ContributionType, [string, string]> = {
  method: ['method', 'methods'],
  system: ['system', 'systems'],
  'benchmark-or-dataset': ['benchmark or dataset', 'benchmarks or datasets'],
  survey: ['survey', 'surveys'],
  theory: ['theoretical analysis', 'theoretical analyses'],
  'empirical-study': ['empirical study', 'empirical studies'],
  position: ['position paper', 'position papers'],
};

/** "seven methods, two empirical studies and one survey" (uncited: counts only). */
export function typeBreakdown(items: readonly SectionPaper[]): string {
  const counts = CONTRIBUTION_TYPES.map((t) => [t, items.filter((i) => i.annotation.contributionType === t).length] as const);
  const digits = counts.some(([, n]) => n > 12);
  return listJoin(counts.filter(([, n]) => n > 0).map(([t, n]) => `${digits ? n : countWord(n)} ${TYPE_NOUN[t][n === 1 ? 0 : 1]}`));
}
