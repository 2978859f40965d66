import { distinctTerms, questionTerms } from '../retrieval/analyze.js';
import type { Hit, Retriever } from '../retrieval/types.js';
import { splitSentences } from '../verify/sentence-split.js';
import { isFollowUp } from './follow-up-subject.js';
import { askedEntity, mentionsEntity, namesSubject, questionSubject, type EntityKind } from './question-entity.js';
import { NOT_SUPPORTED } from './types.js';

/** Sentences quoted at most, and from one paper at most. */
const MAX_SENTENCES = 4;
const MAX_PER_PAPER = 2;
/** Share of the question's idf mass the best paper must match for the corpus to count as answering. */
const MIN_COVERAGE = 0.5;
/** A sentence is quoted when it scores at least this share of the best sentence's score. */
const RELATIVE_CUTOFF = 0.4;
/** Weight of the previous question's terms (follow-ups) against the question's own. */
const CONTEXT_WEIGHT = 0.35;
/** Questions asking for a quantity ("how much", "what speedup"): sentences reporting numbers are preferred. */
const QUANTITATIVE_QUESTION =
  /\b(how (much|many|fast|large|big|small|well|far|often)|by what (factor|margin)|what (accuracy|speed-?up|percentage|ratio|throughput|latency)|speed-?ups?|numbers?|figures?)\b/i;
const NUMBER_IN_SENTENCE = /\d/;
const QUANTITY_BOOST = 1.5;
/** Questions asking what a paper found ("what does X report / show / achieve"): sentences stating a result are preferred. */
const FINDINGS_QUESTION = /\b(report|reports|reported|find|finds|found|show|shows|showed|achieve|achieves|achieved|claim|claims|conclude|concludes|results?|findings?|outcomes?)\b/i;
const RESULT_SENTENCE = /\d|\b(achiev|outperform|improv|reduc|speeds? up|speed-?ups?|accelerat|surpass|exceed|lower|higher|faster|fewer|better|gains?\b|demonstrat|shows?\b|reveal|find that|found that)/i;
const RESULT_BOOST = 1.5;
/** Sentences naming the kind of entity the question asks for (a dataset, a model, a metric) count this much more. */
const ENTITY_BOOST = 2;
/** Papers named as closest when the corpus does not answer, and the share of the question they must match. */
const CLOSEST = 3;
const CLOSEST_MIN_COVERAGE = 0.25;

interface ScoredSentence {
  text: string;
  key: string;
  hitRank: number;
  index: number;
  score: number;
}

export interface ExtractiveAnswer {
  text: string;
  supported: boolean;
}

/**
 * The offline engine's answer: the sentences of the retrieved abstracts that best match the
 * question's content words, quoted verbatim with their citations. Deterministic. Says "The corpus
 * does not say." when no retrieved paper matches half of the question's weight (idf; the
 * previous question's terms count at a lower weight), or no sentence matches a content word.
 */
export function extractiveAnswer(question: string, hits: readonly Hit[], retriever: Retriever, context?: string): ExtractiveAnswer {
  const own = questionSubject(question);
  const carried = own.length === 0 && context && isFollowUp(question) ? context.split('\n').flatMap((q) => questionSubject(q)) : [];
  const subject = own.length ? own : carried;
  // A question about a named paper is answered from the papers that name it, when any does.
  const about = subject.length ? hits.filter((h) => namesSubject(paperText(h), subject)) : [];
  const pool = about.length ? about : hits;
  const terms = questionTerms(question);
  const weights = new Map<string, number>(terms.map((t) => [t, retriever.idf(t)]));
  // The subject a follow-up carries ("it" = MolGNN) counts as much as the question's own words.
  for (const t of carried.flatMap((n) => questionTerms(n))) if (!weights.has(t)) weights.set(t, retriever.idf(t));
  const contextWeights = new Map<string, number>(
    (context ? questionTerms(context) : []).filter((t) => !weights.has(t)).map((t) => [t, CONTEXT_WEIGHT * retriever.idf(t)]),
  );
  const all = new Map([...weights, ...contextWeights]);
  const total = [...all.values()].reduce((a, b) => a + b, 0);

  // How much of the question each retrieved paper covers; the best one decides whether to answer.
  const coverage = pool.map((h) => (total > 0 ? matchedWeight(distinctTerms(paperText(h)), all) / total : 0));
  const closest = () => pool.filter((_, i) => coverage[i]! >= CLOSEST_MIN_COVERAGE);
  if (Math.max(0, ...coverage) < MIN_COVERAGE) return { text: notSupported(closest()), supported: false };
  const wanted = askedEntity(question);
  // --top-k is honoured: more papers retrieved, more of them quoted (half of k, at least MAX_SENTENCES).
  const most = Math.max(MAX_SENTENCES, Math.ceil(hits.length / 2));
  const wants: Wants = { wantsQuantity: QUANTITATIVE_QUESTION.test(question), wantsFindings: FINDINGS_QUESTION.test(question), wanted, onSubject: about.length > 0 };
  const chosen = choose(scoreSentences(pool, weights, contextWeights, wants), most);
  if (chosen.length === 0) return { text: notSupported(closest()), supported: false };
  return { text: chosen.map((s) => `- "${s.text}" [@${s.key}]`).join('\n'), supported: true };
}

function paperText(hit: Hit): string {
  return `${hit.paper.title} ${hit.paper.abstract}`;
}

function matchedWeight(terms: readonly string[], weights: ReadonlyMap<string, number>): number {
  let sum = 0;
  for (const t of terms) sum += weights.get(t) ?? 0;
  return sum;
}

interface Wants {
  wantsQuantity: boolean;
  /** The question asks what was found: a sentence stating a result answers it better than one describing the setting. */
  wantsFindings: boolean;
  /** The kind of entity the question asks for, if any. */
  wanted: EntityKind | null;
  /** The hits are the papers the question names: a sentence naming the wanted entity answers it even without the question's words. */
  onSubject: boolean;
}

function scoreSentences(
  hits: readonly Hit[],
  weights: ReadonlyMap<string, number>,
  contextWeights: ReadonlyMap<string, number>,
  wants: Wants,
): ScoredSentence[] {
  const out: ScoredSentence[] = [];
  const mean = [...weights.values()].reduce((a, b) => a + b, 0) / Math.max(1, weights.size);
  hits.forEach((hit, hitRank) => {
    splitSentences(hit.paper.abstract).forEach((span, index) => {
      const terms = distinctTerms(span.text);
      const entity = wants.wanted !== null && mentionsEntity(span.text, wants.wanted);
      let own = matchedWeight(terms, weights);
      if (own <= 0 && entity && wants.onSubject) own = mean;
      if (own <= 0) return; // a sentence must match the question itself, not only the conversation
      // Longer sentences match more by chance: a mild length normalisation.
      let score = (own + matchedWeight(terms, contextWeights)) / Math.sqrt(Math.max(8, terms.length) / 8);
      if (wants.wantsQuantity && NUMBER_IN_SENTENCE.test(span.text)) score *= QUANTITY_BOOST;
      else if (wants.wantsFindings && RESULT_SENTENCE.test(span.text)) score *= RESULT_BOOST;
      if (entity && wants.wanted !== 'number') score *= ENTITY_BOOST;
      out.push({ text: span.text, key: hit.paper.key, hitRank, index, score });
    });
  });
  return out;
}

function choose(sentences: ScoredSentence[], most: number): ScoredSentence[] {
  const ranked = [...sentences].sort((a, b) => b.score - a.score || a.hitRank - b.hitRank || a.index - b.index);
  const top = ranked[0];
  if (!top) return [];
  const perPaper = new Map<string, number>();
  const chosen: ScoredSentence[] = [];
  for (const s of ranked) {
    if (chosen.length >= most || s.score < RELATIVE_CUTOFF * top.score) break;
    const n = perPaper.get(s.key) ?? 0;
    if (n >= MAX_PER_PAPER) continue;
    perPaper.set(s.key, n + 1);
    chosen.push(s);
  }
  return chosen;
}

function notSupported(near: readonly Hit[]): string {
  const closest = near.slice(0, CLOSEST);
  if (closest.length === 0) return NOT_SUPPORTED;
  return `${NOT_SUPPORTED}\nClosest papers: ${closest.map((h) => `${h.paper.title} [@${h.paper.key}]`).join('; ')}.`;
}
