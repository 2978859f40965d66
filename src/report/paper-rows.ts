import type { Paper } from '../corpus/paper.js';
import type { Annotation, Claim, ContributionType, Taxonomy } from '../review/annotation.js';

/** One paper as the tabular outputs (papers.jsonl, papers.csv) show it. */
export interface PaperRow {
  id: string;
  key: string;
  title: string;
  year: number | null;
  categoryId: string | null;
  category: string | null;
  /** Only for papers in a subcategory (two-level taxonomies of large corpora). */
  subcategoryId?: string;
  subcategory?: string;
  contributionType: ContributionType | null;
  problem: string;
  methodFamily: string;
  methodSummary: string;
  tasks: string[];
  datasets: string[];
  models: string[];
  claims: Claim[];
  status: Annotation['status'] | 'missing';
  error: string | null;
  relevance: { relevant: boolean; reason: string } | null;
}

/** Join papers, their annotations and their categories, in the papers' order. */
export function paperRows(papers: readonly Paper[], annotations: readonly Annotation[], taxonomy: Taxonomy): PaperRow[] {
  const byPaper = new Map(annotations.map((a) => [a.paperId, a]));
  const category = new Map<string, { id: string; name: string }>();
  const subcategory = new Map<string, { id: string; name: string }>();
  for (const c of taxonomy.categories) {
    for (const id of c.paperIds) if (!category.has(id)) category.set(id, c);
    for (const s of c.subcategories ?? []) for (const id of s.paperIds) if (!subcategory.has(id)) subcategory.set(id, s);
  }
  return papers.map((p) => {
    const a = byPaper.get(p.id);
    const c = category.get(p.id);
    const s = subcategory.get(p.id);
    return {
      id: p.id,
      key: p.key,
      title: p.title,
      year: p.year ?? null,
      categoryId: c?.id ?? null,
      category: c?.name ?? null,
      ...(s ? { subcategoryId: s.id, subcategory: s.name } : {}),
      contributionType: a?.contributionType ?? null,
      problem: a?.problem ?? '',
      methodFamily: a?.methodFamily ?? '',
      methodSummary: a?.methodSummary ?? '',
      tasks: a?.tasks ?? [],
      datasets: a?.datasets ?? [],
      models: a?.models ?? [],
      claims: a?.claims ?? [],
      status: a?.status ?? 'missing',
      error: a?.error ?? (a ? null : 'no annotation'),
      relevance: a?.relevance ?? null,
    };
  });
}
