import type { Paper } from '../corpus/paper.js';
import type { Annotation, Taxonomy, TaxonomyCategory } from '../review/annotation.js';
import { runSteps, type StepProgress, type Steps } from '../review/cooperative-loop.js';
import type { ReviewDraft, ReviewSection } from '../review/review-draft.js';
import { strideSample } from './cluster/dense.js';
import { writeBoundedSection, type Group } from './synth/bounded-section.js';
import { classifyOffline } from './classify.js';
import type { SectionPaper } from './synth/section-paper.js';
import { openProblemOf, problemSentences, type ProblemCandidate } from './synth/open-problems.js';
import { writeOverview } from './synth/overview.js';
import { paperLabel } from './synth/paper-label.js';
import { writeSection } from './synth/section.js';

const PROBLEMS_PER_CATEGORY = 2;

interface SynthesisInput {
  papers: Paper[];
  annotations: Annotation[];
  taxonomy: Taxonomy;
  topic?: string;
}

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

/** Prose (overview, sections, open problems) a review may hold before it switches to the bounded layout. */
export const WORD_BUDGET = 25_000;
/** From this many papers (or with subcategories) the bounded layout is used at once. */
export const BOUNDED_FROM = 1000;
/** What the bounded layout aims at for its prose, leaving room for the claims table and the mindmap. */
const BOUNDED_PROSE = 18_000;
const WORDS_PER_PAPER = 75;
const WORDS_PER_GROUP = 120;
const MAX_PER_GROUP = 12;
/** Papers per category whose abstracts are searched for open problems in the bounded layout. */
const PROBLEM_SAMPLE = 400;

export function wordCount(text: string): number {
  let n = 0;
  for (const w of text.split(/\s+/)) if (w) n++;
  return n;
}

function draftWords(draft: ReviewDraft): number {
  return wordCount(draft.overview) + wordCount(draft.openProblems) + draft.sections.reduce((n, s) => n + wordCount(s.heading) + wordCount(s.body), 0);
}

interface Prepared {
  papers: Paper[];
  annotations: Map<string, Annotation>;
  byId: Map<string, Paper>;
  /** Categories with their papers, in taxonomy order (empty ones left out). */
  categories: { category: TaxonomyCategory; items: SectionPaper[] }[];
}

function* prepare(input: SynthesisInput): Steps<Prepared> {
  const excluded = new Set(input.annotations.filter((a) => a.status === 'excluded' || a.relevance?.relevant === false).map((a) => a.paperId));
  const papers = input.papers.filter((p) => !excluded.has(p.id));
  const byId = new Map(papers.map((p) => [p.id, p]));
  const annotations = usableAnnotations(papers, input.annotations);
  const categories = [];
  for (const category of input.taxonomy.categories) {
    const items: SectionPaper[] = category.paperIds.flatMap((id) => {
      const paper = byId.get(id);
      const annotation = annotations.get(id);
      return paper && annotation ? [{ paper, annotation, label: paperLabel(paper) }] : [];
    });
    yield undefined;
    if (items.length) categories.push({ category, items });
  }
  return { papers, annotations, byId, categories };
}

function assemble(input: SynthesisInput, prepared: Prepared, sections: ReviewSection[], problems: { name: string; candidates: ProblemCandidate[] }[], note?: string): ReviewDraft {
  const { papers, annotations, categories } = prepared;
  const covered = new Set(categories.flatMap(({ items }) => items.map((i) => i.paper.id)));
  const coveredPapers = papers.filter((p) => covered.has(p.id));
  const overview = writeOverview({
    papers: coveredPapers,
    annotations: coveredPapers.map((p) => annotations.get(p.id)!),
    categories: categories.map(({ category, items }) => ({ category, size: items.length })),
    ...(input.topic ? { topic: input.topic } : {}),
  });
  return {
    title: input.topic ? `A review of ${input.topic}` : 'A review of the corpus',
    ...(input.topic ? { topic: input.topic } : {}),
    overview: note ? `${overview}\n\n${note}` : overview,
    sections,
    openProblems: writeOpenProblems(problems),
    engine: 'offline',
  };
}

/** Every paper described (the layout of corpora up to about 400 papers). */
function* detailedDraft(input: SynthesisInput, prepared: Prepared, progress: StepProgress): Steps<ReviewDraft> {
  const sections: ReviewSection[] = [];
  const problems: { name: string; candidates: ProblemCandidate[] }[] = [];
  for (const { category, items } of prepared.categories) {
    sections.push(writeSection(category, items));
    problems.push({ name: category.name, candidates: items.flatMap((i) => openProblemOf(i.paper, i.label) ?? []) });
    progress.done++;
    yield { ...progress };
  }
  return assemble(input, prepared, sections, problems);
}

/** A category's groups: its subcategories with their papers, or the category itself. */
function groupsOf(category: TaxonomyCategory, items: SectionPaper[]): Group[] {
  const subs = category.subcategories ?? [];
  if (subs.length < 2) return [{ id: category.id, name: category.name, definition: category.definition, items }];
  const byPaper = new Map(items.map((i) => [i.paper.id, i]));
  return subs
    .map((s) => ({ id: s.id, name: s.name, definition: s.definition, items: s.paperIds.flatMap((id) => byPaper.get(id) ?? []) }))
    .filter((g) => g.items.length > 0);
}

/** Representative papers per group: about `total` over the `papers` of the whole review, in proportion to size, 1..12 each. */
function allocate(groups: readonly Group[], total: number, papers: number): number[] {
  return groups.map((g) => Math.min(g.items.length, MAX_PER_GROUP, Math.max(1, Math.round((total * g.items.length) / Math.max(1, papers)))));
}

/**
 * The bounded layout: each category's subcategories (or the category) described from a few
 * representative papers, with counts, method families, shared figures and data; the number of
 * representatives shrinks until the prose fits BOUNDED_PROSE words. papers.csv lists every paper.
 */
function* boundedDraft(input: SynthesisInput, prepared: Prepared, progress: StepProgress): Steps<ReviewDraft> {
  const grouped = prepared.categories.map(({ category, items }) => ({ category, items, groups: groupsOf(category, items) }));
  const groupCount = grouped.reduce((n, g) => n + g.groups.length, 0);
  const problems = grouped.map(({ category, items }) => ({
    name: category.name,
    candidates: strideSample(items, PROBLEM_SAMPLE).flatMap((i) => openProblemOf(i.paper, i.label) ?? []),
  }));
  const subcategories = grouped.reduce((n, g) => n + (g.groups.length > 1 ? g.groups.length : 0), 0);
  const papers = grouped.reduce((n, g) => n + g.items.length, 0);
  const note = [
    `With ${papers} papers, this review describes ${subcategories ? `each of the ${subcategories} subcategories` : 'each category'} from a few representative papers, with counts, the method families named most often and the figures the papers share;`,
    'papers.csv and papers.jsonl list every paper with its category' + (subcategories ? ' and subcategory.' : '.'),
  ].join(' ');
  let perPaper = Math.max(groupCount, Math.floor((BOUNDED_PROSE - WORDS_PER_GROUP * groupCount) / WORDS_PER_PAPER));
  let draft: ReviewDraft | null = null;
  for (let attempt = 0; attempt < 6; attempt++) {
    const sections: ReviewSection[] = [];
    for (const { category, groups } of grouped) {
      sections.push(writeBoundedSection(category, groups, allocate(groups, perPaper, papers)));
      progress.done++;
      yield { ...progress };
    }
    draft = assemble(input, prepared, sections, problems, note);
    const words = draftWords(draft);
    if (words <= BOUNDED_PROSE || perPaper <= groupCount) break;
    perPaper = Math.max(groupCount, Math.floor((perPaper * BOUNDED_PROSE) / words) - 1);
    progress.total += grouped.length;
  }
  return draft!;
}

/**
 * The offline synthesis stage, as steps: a deterministic, extractive review. Per category, a
 * section that describes what each paper does (its method sentence, in the third person), quotes
 * its headline claim verbatim and compares the papers (contribution types, figures on shared
 * metrics, shared evaluation data); then an overview and the open problems the abstracts state.
 * Every sentence about a paper cites it as [@key], and every number in such a sentence is in that
 * paper's abstract; corpus-wide counts go in sentences without citations. When that would pass
 * WORD_BUDGET words (or from BOUNDED_FROM papers), the bounded layout
 * describes each subcategory from representative papers instead (see `boundedDraft`).
 */
export function* synthesizeSteps(input: SynthesisInput): Steps<ReviewDraft> {
  const prepared = yield* prepare(input);
  const papers = prepared.categories.reduce((n, c) => n + c.items.length, 0);
  const progress = { done: 0, total: prepared.categories.length };
  if (papers < BOUNDED_FROM) {
    const detailed = yield* detailedDraft(input, prepared, progress);
    if (draftWords(detailed) <= WORD_BUDGET) return detailed;
    progress.total += prepared.categories.length;
  }
  return yield* boundedDraft(input, prepared, progress);
}

/** The offline synthesis, computed straight through (see `synthesizeSteps`). */
export function synthesizeOffline(input: SynthesisInput): ReviewDraft {
  return runSteps(synthesizeSteps(input));
}
