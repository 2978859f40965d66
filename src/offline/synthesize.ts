import type { Paper } from '../corpus/paper.js';
import type { Annotation, Taxonomy } from '../review/annotation.js';
import type { ReviewDraft } from '../review/review-draft.js';
import { classifyOffline } from './classify.js';
import type { SectionPaper } from './synth/compare.js';
import { openProblemOf, problemSentences, type ProblemCandidate } from './synth/open-problems.js';
import { writeOverview } from './synth/overview.js';
import { paperLabel } from './synth/paper-label.js';
import { writeSection } from './synth/section.js';

const PROBLEMS_PER_CATEGORY = 2;

/**
 * Annotations to write from: the given ones where they succeeded, the offline engine's own for
 * papers whose annotation failed or is missing (so every paper can still be described).
 */
function usableAnnotations(papers: readonly Paper[], annotations: readonly Annotation[]): Map<string, Annotation> {
  const given = new Map(annotations.filter((a) => a.status === 'ok').map((a) => [a.paperId, a]));
  const missing = papers.filter((p) => !given.has(p.id));
  if (missing.length) for (const a of classifyOffline(missing)) given.set(a.paperId, a);
  return given;
}

function writeOpenProblems(groups: readonly { name: string; candidates: ProblemCandidate[] }[]): string {
  const paragraphs = groups.flatMap(({ name, candidates }) => {
    const sentences = problemSentences(candidates, PROBLEMS_PER_CATEGORY);
    return sentences.length ? [`**${name}.** ${sentences.join(' ')}`] : [];
  });
  if (paragraphs.length === 0) return 'None of the abstracts states an open problem or a limitation in so many words.';
  return ['The abstracts state these open problems and limitations (quoted verbatim, at most two per category).', ...paragraphs].join('\n\n');
}

/**
 * The offline synthesis stage: a deterministic, extractive review. Per category, a section that
 * describes what each paper does (its method sentence, in the third person), quotes its headline
 * claim verbatim and compares the papers (contribution types, figures on shared metrics, shared
 * evaluation data); then an overview and the open problems the abstracts state. Every sentence
 * about a paper cites it as [@key], and every number in such a sentence is in that paper's abstract;
 * corpus-wide counts go in sentences without citations.
 */
export function synthesizeOffline(input: { papers: Paper[]; annotations: Annotation[]; taxonomy: Taxonomy; topic?: string }): ReviewDraft {
  const excluded = new Set(input.annotations.filter((a) => a.status === 'excluded' || a.relevance?.relevant === false).map((a) => a.paperId));
  const papers = input.papers.filter((p) => !excluded.has(p.id));
  const byId = new Map(papers.map((p) => [p.id, p]));
  const annotations = usableAnnotations(papers, input.annotations);
  const sections = [];
  const problems: { name: string; candidates: ProblemCandidate[] }[] = [];
  const sizes = [];
  for (const category of input.taxonomy.categories) {
    const items: SectionPaper[] = category.paperIds.flatMap((id) => {
      const paper = byId.get(id);
      const annotation = annotations.get(id);
      return paper && annotation ? [{ paper, annotation, label: paperLabel(paper) }] : [];
    });
    if (items.length === 0) continue;
    sections.push(writeSection(category, items, annotations));
    sizes.push({ category, size: items.length });
    problems.push({
      name: category.name,
      candidates: items.flatMap((i) => openProblemOf(i.paper, i.label) ?? []),
    });
  }
  const covered = new Set(sizes.flatMap(({ category }) => category.paperIds).filter((id) => byId.has(id)));
  const coveredPapers = papers.filter((p) => covered.has(p.id));
  return {
    title: input.topic ? `A review of ${input.topic}` : 'A review of the corpus',
    ...(input.topic ? { topic: input.topic } : {}),
    overview: writeOverview({
      papers: coveredPapers,
      annotations: coveredPapers.map((p) => annotations.get(p.id)!),
      categories: sizes,
      ...(input.topic ? { topic: input.topic } : {}),
    }),
    sections,
    openProblems: writeOpenProblems(problems),
    engine: 'offline',
  };
}
