import type { Paper } from '../corpus/paper.js';
import { claimFields, hasQuantity } from '../offline/claim-fields.js';
import { extractEntities } from '../offline/entities.js';
import { introducedName } from '../offline/introduced-name.js';
import { paperName } from '../offline/paper-name.js';
import type { PaperNotes } from '../retrieval/types.js';
import { splitSentences } from '../verify/sentence-split.js';
import { parseClaimValue, type ClaimValue } from './claim-value.js';

/** One figure a paper reports: from the review's claims, or read off a sentence of the abstract. */
export interface ClaimRow {
  /** The verbatim sentence of the abstract (or the review's quote) the figure stands in. */
  quote: string;
  metric: string | null;
  value: ClaimValue | null;
  baseline: string | null;
  from: 'review' | 'abstract';
  /** The words around the value (what a metric is recognised by when the claim names none). */
  context: string;
}

/** One paper as the corpus table holds it. */
export interface PaperRow {
  key: string;
  id: string;
  title: string;
  year: number | null;
  venue: string | null;
  authors: string[];
  /** The file the paper was read from. */
  source: string;
  /** From the latest review over this corpus, when there is one. */
  category: string | null;
  subcategory: string | null;
  contributionType: string | null;
  methodFamily: string | null;
  tasks: string[];
  datasets: string[];
  models: string[];
  claims: ClaimRow[];
  /** Named in the title or abstract (the offline engine's gazetteer and entity extraction). */
  mentions: { datasets: string[]; models: string[]; tasks: string[]; methods: string[] };
}

/** The row of one paper: its metadata, the review's notes and what its abstract names and reports. */
export function paperRow(paper: Paper, notes: PaperNotes | undefined, figures: ClaimRow[] = abstractFigures(paper.abstract)): PaperRow {
  const own = paperName(paper.title);
  const entities = extractEntities(`${paper.title}. ${paper.abstract}`, own);
  const introduced = introducedName(paper.abstract);
  const methods = [...new Set([own, introduced].filter((n): n is string => n !== null))];
  return {
    key: paper.key,
    id: paper.id,
    title: paper.title,
    year: paper.year ?? null,
    venue: paper.venue ?? null,
    authors: paper.authors,
    source: paper.sources[0]?.path ?? '',
    category: notes?.category ?? null,
    subcategory: notes?.subcategory ?? null,
    contributionType: notes?.contributionType ?? null,
    methodFamily: notes?.methodFamily ?? null,
    tasks: notes?.tasks ?? [],
    datasets: notes?.datasets ?? [],
    models: notes?.models ?? [],
    claims: withReviewClaims(notes, figures),
    mentions: { datasets: entities.datasets, models: entities.models, tasks: entities.tasks, methods },
  };
}

/** The figures of a paper: the review's claims with a value, then the figures of its abstract (`figures`, see abstractFigures) they do not quote. */
export function withReviewClaims(notes: PaperNotes | undefined, figures: ClaimRow[]): ClaimRow[] {
  const reviewClaims: ClaimRow[] = (notes?.claims ?? []).map((c) => {
    const value = c.value ? parseClaimValue(c.value, `${c.metric ?? ''} ${c.quote ?? c.text}`) : null;
    return { quote: c.quote ?? c.text, metric: c.metric ?? null, value, baseline: c.baseline ?? null, from: 'review', context: c.quote ?? c.text };
  });
  const quoted = new Set(reviewClaims.filter((c) => c.value).map((c) => c.quote));
  return reviewClaims.length === 0 ? figures : [...reviewClaims, ...figures.filter((c) => !quoted.has(c.quote))];
}

const FIGURE = /(?:(?:up to|more than|over|nearly|almost|about|around|approximately|roughly|at least|at most)\s+)?\d+(?:,\d{3})*(?:\.\d+)?(?:\s?%|\s?×|x(?![A-Za-z])|\s(?:times|fold)\b|-fold\b|\s(?:points?|pp)\b)/gi;
const GLUED_TIMES = /(\d)times\b/g;
/**
 * The words right after a figure, up to a comma, a clause or a comparison ("times fewer nodes than A*"): unless
 * they start with a function word (FUNCTION_WORD), they say what the figure measures, and the rest of the sentence
 * does not ("129 times faster and ... up to 1288 times fewer nodes": the second is not a speedup).
 */
const AFTER = /^[^,.;:()]*?(?=\s+(?:and|but|while|whereas|than|compared|relative|versus|vs\.?)\b|[,.;:()]|$)/i;
/** Words after a figure that leave it to the sentence ("2.31x on an A100", "4x with less than 1% loss"). */
const FUNCTION_WORD =
  /^\s*(?:on|in|at|for|with|without|over|from|to|by|of|when|across|under|compared|relative|versus|vs|the|a|an|while|and|but|than|as|per|using|via|after|before|during|if|is|are|was|were|which|that|or)\b/i;
/** A quantity named just before a figure ("a speedup of up to 2.12x", "accelerates inference by 3x"). */
const NAMED_BEFORE = /\b(speed-?ups?|accelerat\w*|throughput|latency|memory|compression|accuracy|reductions?|improvements?)\b(?:\s+\w+){0,2}?\s+(?:of|by|to)\s+$/i;

/** Every sentence of the abstract that reports a figure, with the metric, value and baseline read off it. */
export function abstractFigures(abstract: string): ClaimRow[] {
  return splitSentences(abstract).flatMap(({ text }) => {
    // Abstracts stripped of LaTeX write "$7.78\times$" as "7.78times": read it as the factor it is.
    const readable = text.replace(GLUED_TIMES, '$1×');
    if (!hasQuantity(readable)) return [];
    const f = claimFields(readable);
    // Every figure of the sentence ("2.31x on ... and 7.78x on ..."), the one the metric is tied to first.
    return [...readable.matchAll(FIGURE)].flatMap((m) => {
      const at = m.index;
      const after = AFTER.exec(readable.slice(at + m[0].length))?.[0] ?? '';
      const named = NAMED_BEFORE.exec(readable.slice(Math.max(0, at - 50), at));
      // Its own words say what the figure measures: the words after it, else a quantity named just before it.
      const own = /\w/.test(after) && !FUNCTION_WORD.test(after) ? `${m[0]}${after}` : named ? `${named[0]}${m[0]}` : null;
      const context = own ?? readable.slice(Math.max(0, at - 70), at + m[0].length + 40);
      const value = parseClaimValue(m[0], context);
      if (!value) return [];
      // The value as the abstract writes it, so the figure is a verbatim part of the quote.
      const raw = readable === text ? value.raw : value.raw.replace(/(\d)×/g, '$1times');
      // A figure with the unit of the sentence's own figure shares its metric ("2.31x on an A100 ..., 7.78x with offloading"); a figure with words of its own is read by them.
      const tied = own === null && f.value !== null && (f.value.includes(m[0].trim()) || parseClaimValue(f.value)?.unit === value.unit);
      return [{ quote: text, metric: tied ? f.metric : null, value: { ...value, raw }, baseline: f.baseline, from: 'abstract' as const, context }];
    });
  });
}
