import type { ContributionType } from '../../review/annotation.js';

/** What a paper of each contribution type does, for one paper and for several ("proposes a method", "propose methods"). */
export const TYPE_PHRASE: Record<ContributionType, [string, string]> = {
  method: ['proposes a method', 'propose methods'],
  system: ['builds a system', 'build systems'],
  'benchmark-or-dataset': ['introduces a benchmark or dataset', 'introduce benchmarks or datasets'],
  survey: ['is a survey', 'are surveys'],
  theory: ['is a theoretical analysis', 'are theoretical analyses'],
  'empirical-study': ['is an empirical study', 'are empirical studies'],
  position: ['is a position paper', 'are position papers'],
};
