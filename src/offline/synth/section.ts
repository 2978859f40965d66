import type { Paper } from '../../corpus/paper.js';
import type { Annotation, ContributionType, TaxonomyCategory } from '../../review/annotation.js';
import { CONTRIBUTION_TYPES } from '../../review/annotation.js';
import type { ReviewSection } from '../../review/review-draft.js';
import { metricComparisons, sharedDatasets, typeContrast, type SectionPaper } from './compare.js';
import { describePaper, quoteClaim } from './paper-sentences.js';
import { capitalize, countWord, listJoin, papersCount } from './prose.js';
import { themesOf } from './themes.js';

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

/** The sentences about one paper: what it does, then its headline claim. */
export function paperSentences(item: SectionPaper): string[] {
  const out: string[] = [];
  const described = describePaper(item.paper, item.annotation, item.label);
  if (described) out.push(described.text);
  const subject = described ? (item.label.plural ? 'They' : 'It') : item.label.full;
  const claim = quoteClaim(item.paper, item.annotation, subject, item.label.plural, described?.source);
  if (claim) out.push(claim);
  if (out.length === 0) out.push(`${item.label.text} [@${item.paper.key}] also belongs here.`);
  return out;
}

function byLabel(a: SectionPaper, b: SectionPaper): number {
  const x = a.paper.title.toLowerCase();
  const y = b.paper.title.toLowerCase();
  return x < y ? -1 : x > y ? 1 : a.paper.id < b.paper.id ? -1 : 1;
}

/**
 * One section of the offline review: what the category holds (uncited counts), then its themes,
 * each paper described and its headline claim quoted, then how the papers differ: contribution
 * types, shared metrics with their figures, shared evaluation data.
 */
export function writeSection(category: TaxonomyCategory, items: SectionPaper[], annotations: ReadonlyMap<string, Annotation>): ReviewSection {
  const paragraphs: string[] = [];
  const types = typeBreakdown(items);
  paragraphs.push(`${category.definition.trim().replace(/\.?$/, '.')} This category holds ${papersCount(items.length)}${types ? `: ${types}` : ''}.`);
  const byPaper = new Map(items.map((i) => [i.paper.id, i]));
  const themes = themesOf(items.map((i) => i.paper), annotations, category.name);
  for (const theme of themes) {
    const members = theme.papers.map((p: Paper) => byPaper.get(p.id)!).sort(byLabel);
    const n = members.length;
    if (theme.label) paragraphs.push(`**${theme.label}.** ${capitalize(papersCount(n))} ${n === 1 ? 'has' : 'share'} this focus.`);
    else if (themes.length > 1) paragraphs.push(`**Other approaches.** The remaining ${papersCount(n)} take other directions.`);
    paragraphs.push(members.map((m) => `- ${paperSentences(m).join(' ')}`).join('\n'));
  }
  const contrast = [typeContrast(items), ...metricComparisons(items), sharedDatasets(items)].filter((s): s is string => !!s);
  if (contrast.length) paragraphs.push(contrast.join(' '));
  return { categoryId: category.id, heading: category.name, body: paragraphs.join('\n\n') };
}
