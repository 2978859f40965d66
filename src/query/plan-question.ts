import { FUNCTION_WORDS } from '../text/function-words.js';
import { matchText } from './match-text.js';
import type { Filter, QueryPlan } from './query-plan.js';

/**
 * The offline planner: a question read by its patterns into a query over the corpus table, or null when it
 * asks about what papers say (a lookup, answered by retrieval). Deterministic; no corpus-specific words.
 */
export interface PlannerContext {
  /** The review's category names (empty without a review): "papers in the X category". */
  categoryNames: readonly string[];
  /** Whether the conversation has a previous answer whose papers "these", "them", "which of them" refer to. */
  hasPrevious: boolean;
}

const COUNT = /\b(how many|number of|count)\b/i;
const LIST = /^\s*(?:(?:which|what|list|show(?: me)?|name|find|give(?: me)?|are there)\b.*\b(?:papers?|works?|studies|articles|ones|approaches|methods|of (?:them|these|those))\b|(?:which|what) of (?:them|these|those)\b|list\b|(?:papers?|works?|studies|articles) (?:that|which|about|on|using|with)\b)/i;
const GROUP_WORDS: [RegExp, NonNullable<QueryPlan['groupBy']>][] = [
  [/\b(?:years?|annually|over time)\b/i, 'year'],
  [/\bcontribution types?\b|\btypes?\b|\bkinds? of contribution\b/i, 'contributionType'],
  [/\bcategor(?:y|ies)\b|\btopics?\b|\bthemes?\b/i, 'category'],
  [/\bmethod famil(?:y|ies)\b/i, 'methodFamily'],
  [/\bvenues?\b/i, 'venue'],
  [/\bdatasets?\b|\bbenchmarks?\b/i, 'dataset'],
  [/\bmodels?\b/i, 'model'],
  [/\btasks?\b/i, 'task'],
];
const DISTRIBUTION = /\b(?:per|by|each|across|distribution|distributed|breakdown|break down|split|grouped)\b/i;
const SUPERLATIVE = /\b(largest|highest|biggest|greatest|best|most|maximum|strongest|fastest|top|lowest|smallest|least|minimum|fewest)\b/i;
const METRIC = /\b(speed-?ups?|speed|accelerations?|throughput|latency|memory(?: (?:savings?|reductions?|footprint|usage))?|kv cache (?:reductions?|compression)|compression(?: ratios?)?|accuracy|accuracies|perplexity)\b/i;
const FIGURE_LIST = /\bwhat\b.*\b(speed-?ups?|memory (?:savings?|reductions?)|accuracy|accuracies|throughput|latency|compression ratios?)\b.*\b(?:report|achieve|claim|show|give|get|obtain)/i;
const COMPARE = /\b(?:compare|comparison|versus|vs\.?|differences? between|differ)\b/i;
const PREVIOUS = /\b(?:these|those|them|they|of them|among them)\b/i;
const YEAR = /\b(in|since|after|before|from|until|by)\s+((?:19|20)\d\d)\b/gi;
const TYPES: [RegExp, string][] = [
  [/\bsurveys?\b|\breviews? of\b/i, 'survey'],
  [/\bbenchmark papers?\b|\bdataset papers?\b|\bbenchmarks? or datasets?\b/i, 'benchmark'],
  [/\btheor(?:y|etical) (?:papers?|works?)\b/i, 'theory'],
  [/\bposition papers?\b/i, 'position'],
  [/\bempirical stud(?:y|ies)\b/i, 'empirical study'],
  [/\bsystem papers?\b|\bsystems papers?\b/i, 'system'],
  [/\bmethod papers?\b/i, 'method'],
];

/** Words that frame a question about papers, never its subject. */
const FRAME = new Set(
  (
    'which what how many list show name find give are there paper papers work works study studies article articles ' +
    'corpus collection ones one approach approaches method methods technique techniques number count total overall ' +
    'use uses used using evaluate evaluates evaluated evaluating evaluation test tests tested testing experiment experiments ' +
    'mention mentions mentioned mentioning discuss discusses discussed address addresses addressed focus focuses focused ' +
    'propose proposes proposed introduce introduces introduced present presents presented study studied apply applies applied ' +
    'report reports reported achieve achieves claim claims show shows get obtain rely relies employ employs adopt adopts ' +
    'deal deals consider considers explore explores investigate investigates tackle tackles target targets cover covers ' +
    'benchmark benchmarks dataset datasets model models talk talks related relate relating regarding concerning named ' +
    'exist exists existing corpus\'s me please do does did have has had include includes including contain contains ' +
    'category categories type types kind kinds contribution contributions year years per distribution breakdown grouped across each compare ' +
    'comparison versus vs differ difference differences between largest highest biggest greatest best most maximum ' +
    'strongest fastest top lowest smallest least minimum fewest speedup speedups speed-up speed-ups reduction reductions ' +
    'saving savings lossless-ly'
  ).split(/\s+/),
);
/** Kept inside a subject when words of it stand on both sides ("mixture of experts"). */
const JOINERS = new Set(['of', 'for', 'in', 'to']);

/** Plan a question, or null: a lookup (what a paper says), answered by retrieval. */
export function planQuestion(question: string, ctx: PlannerContext): QueryPlan | null {
  const q = question.trim();
  const scope: QueryPlan['scope'] = ctx.hasPrevious && PREVIOUS.test(q) ? 'previous' : 'corpus';
  const base = { filters: [] as Filter[], subjects: [] as string[], groupBy: null, metric: null, order: null, scope };

  const yearFilters = [...q.matchAll(YEAR)].map((m): Filter => {
    const word = m[1]!.toLowerCase();
    const year = Number(m[2]!);
    const op = word === 'in' ? 'is' : word === 'since' || word === 'from' ? 'atLeast' : word === 'after' ? 'atLeast' : 'atMost';
    const value = word === 'after' ? year + 1 : word === 'before' ? year - 1 : year;
    return { field: 'year', op, value: String(value), negate: false };
  });
  const rest = q.replace(YEAR, ' ');

  if (COMPARE.test(rest)) {
    const metric = METRIC.exec(rest)?.[1] ?? null;
    const body = rest.replace(/^.*?\b(?:compare|comparison of|differences? between|how do(?:es)?)\b/i, '').replace(/\b(?:on|in terms of|for|by)\s+(?:their\s+|the\s+)?[\w -]+\??$/i, (m) => (metric && m.toLowerCase().includes(metric.toLowerCase()) ? '' : m));
    const subjects = body.split(/\s*(?:,|\band\b|\bversus\b|\bvs\.?|\bwith\b|\bto\b)\s*/i).map((s) => subjectRuns(s).join(' ')).filter(Boolean);
    if (subjects.length >= 2) return { ...base, kind: 'compare', subjects, metric, filters: yearFilters };
    return null;
  }

  const typeFilter = ctx.categoryNames.length > 0 ? TYPES.find(([re]) => re.test(rest)) : undefined;
  const subjectText = typeFilter ? rest.replace(typeFilter[0], ' ') : rest;
  const filters: Filter[] = [...yearFilters];
  if (typeFilter) filters.push({ field: 'contributionType', op: 'names', value: typeFilter[1], negate: false });

  const counting = COUNT.test(rest);
  const listing = LIST.test(rest);
  const grouping = DISTRIBUTION.test(rest) ? GROUP_WORDS.find(([re]) => re.test(rest.replace(/^.*?\b(?:per|by|each|across|distribution|breakdown|split|grouped)\b/i, ''))) : undefined;
  const superlative = SUPERLATIVE.exec(rest);
  const metricMatch = METRIC.exec(rest);
  const figureList = FIGURE_LIST.exec(rest);

  let metric: string | null = null;
  let kind: QueryPlan['kind'] | null = null;
  let order: QueryPlan['order'] = null;
  if (grouping && (counting || listing || /\bdistribut|breakdown|how are\b/i.test(rest))) kind = 'distribution';
  else if (superlative && metricMatch) {
    kind = 'extremes';
    metric = metricMatch[1]!.toLowerCase();
    const low = /lowest|smallest|least|minimum|fewest/i.test(superlative[1]!);
    // "lowest memory / latency" asks for the largest reduction the papers report.
    order = low && !/memory|latency|perplexity/i.test(metric) ? 'smallest' : 'largest';
  } else if (figureList) {
    kind = 'list';
    metric = figureList[1]!.toLowerCase();
  } else if (counting) kind = 'count';
  else if (listing) kind = 'list';
  if (kind === null) return null;

  let subjectSource = subjectText;
  if (metric) subjectSource = subjectSource.replace(new RegExp(`\\b${metric.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'i'), ' ');
  if (grouping) subjectSource = subjectSource.replace(/\b(?:per|by|each|across|grouped by|broken down by)\s+[\w -]+[?.!]*\s*$/i, ' ');
  const category = categoryFilter(subjectSource, ctx.categoryNames);
  if (category) filters.push(category.filter);
  const runs = subjectRuns(category ? category.rest : subjectSource);
  for (const run of joinAlternatives(runs, subjectSource)) filters.push({ field: 'text', op: 'names', value: run, negate: false });
  if (filters.length === 0 && kind !== 'distribution' && kind !== 'extremes' && scope === 'corpus') return null;
  return { ...base, kind, filters, groupBy: kind === 'distribution' ? grouping![1] : null, metric, order };
}

/** "in the X category", or a phrase equal to a category name. */
function categoryFilter(text: string, names: readonly string[]): { filter: Filter; rest: string } | null {
  // Only when the question says "category": "papers about KV cache" asks what their abstracts name.
  const named = /\b(?:in|under|of)\s+(?:the\s+)?(.+?)\s+(?:category|subcategory)\b|\b(?:category|subcategory)\s+"?([^"?]+?)"?\s*(?:\?|$)/i.exec(text);
  if (!named) return null;
  const stems = (s: string) => matchText(s).stems.trim();
  const asked = stems(named[1] ?? named[2] ?? '');
  const name = names.find((n) => stems(n) === asked);
  return name ? { filter: { field: 'category', op: 'is', value: name, negate: false }, rest: text.replace(named[0], ' ') } : null;
}

/** Runs of subject words: what is left of the question once its frame words are taken out, in order. */
export function subjectRuns(text: string): string[] {
  const tokens = text.replace(/[?!.,;:()"“”']/g, ' ').split(/\s+/).filter(Boolean);
  const isFrame = (t: string) => FRAME.has(t.toLowerCase()) || (FUNCTION_WORDS.has(t.toLowerCase()) && !JOINERS.has(t.toLowerCase()));
  const runs: string[][] = [];
  let current: string[] = [];
  tokens.forEach((t, i) => {
    const joiner = JOINERS.has(t.toLowerCase());
    // A general head after a common word stays with it ("diffusion models"; "Mamba models" is Mamba).
    const head = GENERAL_HEADS.has(t.toLowerCase()) && current.length > 0 && !isName(current);
    const framed = !head && (isFrame(t) || (joiner && (current.length === 0 || !tokens[i + 1] || isFrame(tokens[i + 1]!) || JOINERS.has(tokens[i + 1]!.toLowerCase()))));
    if (framed) {
      if (current.length) runs.push(current);
      current = [];
    } else current.push(t);
  });
  if (current.length) runs.push(current);
  // "chain-of-thought reasoning", "lottery ticket hypothesis": papers name the thing without its general head noun,
  // when what is left is a name ("diffusion models" keeps its head: "diffusion" alone is a common word).
  return runs
    .map((r) => (r.length >= 2 && GENERAL_HEADS.has(r[r.length - 1]!.toLowerCase()) && isName(r.slice(0, -1)) ? r.slice(0, -1) : r))
    .map((r) => r.join(' '))
    .filter((r) => matchText(r).stems.trim() !== '');
}

/** Words that name something on their own: several words, or one with a capital, digit or hyphen ("Mamba", "chain-of-thought"). */
function isName(words: string[]): boolean {
  return words.length >= 2 || /[A-Z0-9-]/.test(words[0]!);
}

/** Head nouns too general to require after a more specific name. */
const GENERAL_HEADS = new Set(
  'reasoning hypothesis network networks model models method methods approach approaches technique techniques framework frameworks architecture architectures mechanism mechanisms algorithm algorithms paradigm strategy strategies problem problems task tasks setting settings'.split(' '),
);

/** Runs separated by "or" in the question are alternatives: one filter naming any of them. */
function joinAlternatives(runs: string[], text: string): string[] {
  if (runs.length < 2 || !/\bor\b/i.test(text)) return runs;
  return [runs.join(' or ')];
}

/** Does the question read like a list or count over the corpus (whether or not it could be planned)? */
export function readsLikeAggregate(question: string): boolean {
  return COUNT.test(question) || LIST.test(question) || (DISTRIBUTION.test(question) && /\bpapers?\b/i.test(question));
}
