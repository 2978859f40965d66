import type { Paper } from '../../corpus/paper.js';
import type { Annotation, TaxonomyCategory } from '../../review/annotation.js';
import { CONTRIBUTION_TYPES } from '../../review/annotation.js';
import { listJoin } from './prose.js';
import { TYPE_PHRASE } from './type-phrases.js';

function topCounts(lists: readonly string[][], max: number): [string, number][] {
  const counts = new Map<string, { n: number; form: string }>();
  for (const list of lists) {
    for (const item of new Set(list.map((x) => x.toLowerCase()))) {
      const form = list.find((x) => x.toLowerCase() === item)!;
      const c = counts.get(item);
      counts.set(item, { n: (c?.n ?? 0) + 1, form: c?.form ?? form });
    }
  }
  return [...counts.values()]
    .filter((c) => c.n >= 2)
    .sort((a, b) => b.n - a.n || (a.form.toLowerCase() < b.form.toLowerCase() ? -1 : 1))
    .slice(0, max)
    .map((c) => [c.form, c.n]);
}

function mentionSentence(what: string, counts: [string, number][]): string | null {
  if (counts.length === 0) return null;
  return `The ${what} named most often are ${listJoin(counts.map(([name, n]) => `${name} (${n} papers)`))}.`;
}

/**
 * The overview: what the review covers and how it is organised, in sentences with corpus-wide
 * counts and no citations (counts are not claims about any one paper).
 */
export function writeOverview(input: {
  papers: readonly Paper[];
  annotations: readonly Annotation[];
  categories: readonly { category: TaxonomyCategory; size: number }[];
  topic?: string;
}): string {
  const { papers, annotations, categories, topic } = input;
  const ok = annotations.filter((a) => a.status === 'ok');
  const paragraphs: string[] = [];
  const scope = topic ? `the ${papers.length} papers of the corpus that match the topic "${topic}"` : `${papers.length} ${papers.length === 1 ? 'paper' : 'papers'}`;
  const first = [
    `This review covers ${scope}, grouped into ${categories.length} ${categories.length === 1 ? 'category' : 'categories'} by the terms their titles, abstracts and method families share.`,
  ];
  const types = CONTRIBUTION_TYPES.flatMap((t) => {
    const n = ok.filter((a) => a.contributionType === t).length;
    return n ? [`${n} ${TYPE_PHRASE[t][n === 1 ? 0 : 1]}`] : [];
  });
  if (types.length) first.push(`By contribution, ${listJoin(types)}.`);
  const quantified = ok.filter((a) => a.claims.some((c) => c.quantitative)).length;
  if (quantified) first.push(`Of these, ${quantified} report quantitative results, collected with their verbatim quotes in the table at the end.`);
  const years = papers.map((p) => p.year).filter((y): y is number => typeof y === 'number').sort((a, b) => a - b);
  if (years.length >= 2 && years[0] !== years[years.length - 1]) first.push(`Where a date is known, they appeared between ${years[0]} and ${years[years.length - 1]}.`);
  paragraphs.push(first.join(' '));
  if (categories.length > 1) {
    const list = categories.map(({ category, size }) => `${category.name} (${size})`);
    paragraphs.push(`From the largest to the smallest, the categories are ${listJoin(list)}. Each section below describes what its papers do, quotes what they report, and compares them.`);
  }
  const mentions = [
    mentionSentence('benchmarks and datasets', topCounts(ok.map((a) => a.datasets), 6)),
    mentionSentence('models', topCounts(ok.map((a) => a.models), 6)),
    mentionSentence('tasks', topCounts(ok.map((a) => a.tasks), 6)),
  ].filter((s): s is string => !!s);
  if (mentions.length) paragraphs.push(mentions.join(' '));
  return paragraphs.join('\n\n');
}
