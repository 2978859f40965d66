import type { Paper } from '../corpus/paper.js';
import type { Annotation, Claim, ContributionType, Taxonomy } from '../review/annotation.js';
import type { CriteriaScreening } from '../review/criteria.js';

/** One paper as the tabular outputs (papers.jsonl, papers.csv) show it. */
export interface PaperRow {
  id: string;
  key: string;
  title: string;
  /** True when the source had no title and `title` is the abstract's opening. */
  titleDerived: boolean;
  authors: string[];
  venue: string | null;
  doi: string | null;
  /** The paper's link as the source gave it, else its arXiv page. */
  url: string | null;
  /** True when the paper has no abstract: it was reviewed from its title only. */
  titleOnly: boolean;
  year: number | null;
  categoryId: string | null;
  category: string | null;
  /** Only for papers in a subcategory (two-level taxonomies of large corpora). */
  subcategoryId?: string;
  subcategory?: string;
  contributionType: ContributionType | null;
  /** The offline engine's reasons for contributionType (absent for model annotations). */
  typeEvidence?: string[];
  problem: string;
  methodFamily: string;
  methodSummary: string;
  tasks: string[];
  datasets: string[];
  models: string[];
  claims: Claim[];
  /** Claims the model returned that failed verification (quote not verbatim), with the reason: never used in the review. */
  rejectedClaims: { claim: Claim; reason: string }[];
  status: Annotation['status'] | 'missing';
  error: string | null;
  /** The screening decision; `judged: false` when the offline engine kept the paper without evidence either way, `rank` its place by --topic match. */
  relevance: { relevant: boolean; reason: string; judged?: boolean; rank?: number } | null;
  /** --criteria: the decision, the criteria that excluded the paper, and every answer with its reason and quote. */
  screening?: CriteriaScreening;
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
      titleDerived: p.titleDerived,
      authors: p.authors,
      venue: p.venue ?? null,
      doi: p.doi ?? null,
      url: p.url ?? (p.arxivId ? `https://arxiv.org/abs/${p.arxivId}` : null),
      titleOnly: p.abstract.trim() === '',
      year: p.year ?? null,
      categoryId: c?.id ?? null,
      category: c?.name ?? null,
      ...(s ? { subcategoryId: s.id, subcategory: s.name } : {}),
      contributionType: a?.contributionType ?? null,
      ...(a?.typeEvidence ? { typeEvidence: a.typeEvidence } : {}),
      problem: a?.problem ?? '',
      methodFamily: a?.methodFamily ?? '',
      methodSummary: a?.methodSummary ?? '',
      tasks: a?.tasks ?? [],
      datasets: a?.datasets ?? [],
      models: a?.models ?? [],
      claims: a?.claims ?? [],
      rejectedClaims: a?.rejectedClaims ?? [],
      status: a?.status ?? 'missing',
      error: a?.error ?? (a ? null : 'no annotation'),
      relevance: a?.relevance ?? null,
      ...(a?.screening ? { screening: a.screening } : {}),
    };
  });
}
