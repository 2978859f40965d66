import type { Annotation, ContributionType } from '../review/annotation.js';
import { runSteps, type Steps } from '../review/cooperative-loop.js';
import type { TfidfModel } from './cluster/tfidf.js';
import { adjectiveEnd } from './method-family.js';
import { candidatePhrases, displayPhrase, phraseRuns } from './text/phrases.js';
import { indexTerms, stem } from './text/tokens.js';

/** A category's readable name, one-line definition and distinctive terms. */
export interface CategoryLabel {
  name: string;
  definition: string;
  terms: string[];
}

export interface LabelDoc {
  /** The text the paper was clustered on (its terms). */
  text: string;
  /** Where display forms of terms are read (abstracts write "KV cache", titles "KV Cache"). */
  abstract: string;
  annotation: Annotation | undefined;
}

/** Phrases made only of these words ("large language model", "learning model") say nothing specific. */
const GENERIC_MODEL_WORDS = new Set(['large', 'language', 'model', 'learning', 'llm', 'machine', 'deep', 'neural', 'network']);

/** Compounds that qualify rather than name ("real-world", "state-of-the-art"). */
const GENERIC_COMPOUNDS = new Set([
  'real world', 'pre trained', 'state art', 'state of the art', 'large scale', 'open source', 'fine grained', 'long term',
  'well known', 'wide range', 'high quality', 'low cost', 'end to end', 'plug and play', 'trade off', 'case study',
]);

const LENGTH_BONUS = [1, 1, 1.3, 1.4];

/** Nouns too vague to end a category name ("positive side", "future work"). */
const VAGUE_HEADS = new Set(
  'side sides way ways part parts case cases number numbers work works term terms hand point points thing things lot kind kinds aspect aspects'.split(' '),
);

/** Words too vague to name a category (they may still help to cluster it). */
const NOT_A_NAME = new Set(
  `value values set sets prove proves maintain detail impact gap rule function structure connection random human
  learned real-world pre-trained downstream stores store candidate omega level order point result process processing
  input output information time change type form part case way term order field line view idea level role power
  need needs scale scales size step steps quality error errors cost costs speed gains gain hand basis assuming given
  train trained capture captures following including property properties length lengths layer layers token tokens
  algorithm algorithms program programs dataset datasets language languages model models practice practitioners
  researchers question questions answer answers experiment insight insights observation observations side number
  llm lm vlm mllm ai nlp alpha beta gamma delta epsilon theta lambda sigma omega convex
  accuracy performance efficiency speedup speedups inference generation training network networks
  math reasoning method methods approach approaches analysis system systems framework frameworks
  task tasks benchmark benchmarks problem problems application applications gpu gpus memory latency
  throughput data learning representation representations design evaluation test-time long-context
  real-time low-rank training-free scaling search synthesis complexity instruction instructions knowledge
  prediction predictions graph graphs tuning discovery solving advantage advantages bottleneck bottlenecks
  architecture architectures sequence sequences compression understanding improvement improvements
  analysis study studies approach solution solutions challenge challenges capability capabilities
  learn learns measure measures parameter parameters programming precision bound bounds compute space
  community communities limitation limitations thinking test tests sample samples phase phases domain domains bit bits
  proof-of-concept theory theories gradient gradients context contexts heads head fine-tune fine-tuning selection`.split(/\s+/),
);

/** Second halves of hyphenated modifiers ("long-context", "black-box"): such a word alone names nothing. */
const MODIFIER_TAIL = /-(?:context|box|precision|time|grained|based|free|aware|level|scale|wise|efficient|friendly|order|shot|tuned|trained|like|specific|agnostic|driven|oriented|intensive|bound|world|art)$/;

/** Words that never belong in a name, even inside a phrase (verbs and fillers that leak into word runs). */
const NOT_A_NAME_IN_PHRASE = new Set([
  'scales', 'influence', 'influences', 'future', 'process', 'full', 'step', 'standard', 'extreme', 'sacrificing', 'community',
  // verbs and fillers that run into phrases of abstracts ("LLMs struggle", "fall short", "employ optimal transport")
  'struggle', 'struggles', 'fall', 'falls', 'short', 'employ', 'employs', 'fail', 'fails', 'remain', 'remains', 'show', 'shows',
  'use', 'uses', 'make', 'makes', 'require', 'requires', 'achieve', 'achieves', 'enable', 'enables', 'provide', 'provides',
  'improve', 'improves', 'yield', 'yields', 'lead', 'leads', 'help', 'helps', 'outperform', 'outperforms', 'abilities',
]);

/** Share of a term's papers in the cluster that must hold the other term for "A & B" to name one topic. */
const PAIR_OVERLAP = 0.3;

const TYPE_PHRASE: Record<ContributionType, string> = {
  method: 'mostly proposing methods',
  system: 'mostly building systems',
  'benchmark-or-dataset': 'mostly introducing benchmarks or datasets',
  survey: 'mostly surveys',
  theory: 'mostly theoretical analyses',
  'empirical-study': 'mostly empirical studies',
  position: 'mostly position papers',
};

/**
 * Distinctive terms of a cluster: p·ln(p/q) with p the share of the cluster's documents holding the
 * term and q its share among the other documents (terms concentrated in the cluster win). Bigrams count a
 * little more; vague and adjective-like single words are left out.
 */
function scoreTerms(
  model: TfidfModel,
  members: readonly number[],
  docTerms: readonly Set<string>[],
  heads: ReadonlySet<string>,
): [string, number][] {
  const n = docTerms.length;
  const index = new Map(model.terms.map((t, i) => [t, i]));
  const inCluster = new Map<string, number>();
  for (const m of members) for (const t of docTerms[m]!) if (index.has(t)) inCluster.set(t, (inCluster.get(t) ?? 0) + 1);
  const minDf = members.length <= 2 ? 1 : 2;
  return [...inCluster]
    .filter(([t, c]) => c >= minDf && nameable(t, heads))
    .map(([t, c]): [string, number] => {
      const p = c / members.length;
      const q = (model.df[index.get(t)!]! - c + 0.5) / (n - members.length + 1);
      // sqrt(p): a term most of the category's papers hold names it better than one a few hold alone.
      return [t, p * Math.sqrt(p) * Math.log(p / q) * (LENGTH_BONUS[t.split(' ').length] ?? 1)];
    })
    .filter(([, s]) => s > 0)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
}

/**
 * Words that head noun phrases in these texts: a word that ends a run of content words in at least
 * 40% of its occurrences is used as a noun ("cache" in "KV cache"), one that rarely does is a
 * modifier ("long" in "long context").
 */
export function headWords(texts: readonly string[]): Set<string> {
  const total = new Map<string, number>();
  const last = new Map<string, number>();
  for (const text of texts) {
    for (const run of phraseRuns(text)) {
      run.forEach((t, i) => {
        const s = stem(t.lower);
        total.set(s, (total.get(s) ?? 0) + 1);
        if (i === run.length - 1) last.set(s, (last.get(s) ?? 0) + 1);
      });
    }
  }
  return new Set([...total].filter(([s, n]) => (last.get(s) ?? 0) >= 0.4 * n).map(([s]) => s));
}

/** Can this term name a category? Phrases can; single words only when they are nouns and not vague. */
export function nameable(term: string, heads: ReadonlySet<string>): boolean {
  if (/\d/.test(term)) return false;
  if (term.includes(' ')) {
    const words = term.split(' ');
    const last = words[words.length - 1]!;
    if (new Set(words).size < words.length) return false;
    if (words.every((w) => GENERIC_MODEL_WORDS.has(w)) || GENERIC_COMPOUNDS.has(term)) return false;
    if (words.length === 2 && MODIFIER_TAIL.test(words.join('-'))) return false;
    return !VAGUE_HEADS.has(last) && !adjectiveEnd(last) && !words.some((w) => /ly$/.test(w) || NOT_A_NAME_IN_PHRASE.has(w));
  }
  return heads.has(term) && !NOT_A_NAME.has(term) && !MODIFIER_TAIL.test(term) && !adjectiveEnd(term) && !/ly$/.test(term);
}

/** Is `a` an acronym of `b` ("KD" of "knowledge distillation")? */
function acronymOf(a: string, b: string): boolean {
  const initials = b.split(/[\s-]+/).map((w) => w[0] ?? '').join('');
  return a.length >= 2 && a.replace(/s$/, '') === initials;
}

/** Pick up to `max` terms, a bigram standing for its words, no two sharing a word or an acronym. */
function pickTerms(scored: [string, number][], max: number): [string, number][] {
  const score = new Map(scored);
  const represented = (t: string): boolean =>
    !t.includes(' ') && scored.some(([b, s]) => b.includes(' ') && b.split(' ').includes(t) && s >= 0.5 * score.get(t)!);
  const picked: [string, number][] = [];
  for (const [t, s] of scored.slice(0, 80)) {
    if (represented(t)) continue;
    const words = t.split(' ');
    const clash = ([p]: [string, number]): boolean => {
      const other = p.split(' ');
      const near = (a: string, b: string): boolean => a === b || (a.length >= 4 && b.length >= 4 && a.slice(0, 4) === b.slice(0, 4));
      return other.some((w) => words.some((x) => near(w, x)) || acronymOf(w, t)) || words.some((w) => acronymOf(w, p));
    };
    if (picked.some(clash)) continue;
    picked.push([t, s]);
    if (picked.length === max) break;
  }
  return picked;
}

/** Key phrase → how often each written form of it occurs in the texts. */
export function surfaceMap(texts: readonly string[]): Map<string, Map<string, number>> {
  const map = new Map<string, Map<string, number>>();
  for (const text of texts) {
    for (const p of candidatePhrases(text, 3)) {
      const m = map.get(p.key) ?? new Map<string, number>();
      m.set(p.surface, (m.get(p.surface) ?? 0) + 1);
      map.set(p.key, m);
    }
  }
  return map;
}

/** The most frequent written form of a term, for display. */
export function display(term: string, surfaces: Map<string, Map<string, number>>): string {
  const forms = surfaces.get(term);
  if (!forms) return term;
  const best = [...forms].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0];
  return displayPhrase(best);
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function listJoin(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

const TYPE_NOUN_PHRASE: Record<ContributionType, string> = {
  method: 'methods',
  system: 'systems',
  'benchmark-or-dataset': 'benchmarks and datasets',
  survey: 'surveys',
  theory: 'theoretical analyses',
  'empirical-study': 'empirical studies',
  position: 'position papers',
};
const ORDINALS = ['', '', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth', 'eleventh', 'twelfth'];

/** A name for a cluster with no distinctive term: what its papers mostly are ("Other theoretical analyses"). */
function fallbackName(members: readonly number[], docs: readonly LabelDoc[]): string {
  const type = dominantType(members, docs);
  return type ? `Other ${TYPE_NOUN_PHRASE[type]}` : 'Papers on other topics';
}

function dominantType(members: readonly number[], docs: readonly LabelDoc[]): ContributionType | null {
  const counts = new Map<ContributionType, number>();
  for (const m of members) {
    const t = docs[m]!.annotation?.contributionType;
    if (t) counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  const top = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
  return top && top[1] >= members.length / 2 ? top[0] : null;
}

/**
 * Name every cluster by its most distinctive terms ("KV cache & quantization") and define it in one
 * line. Names are unique: a clash takes the next distinctive term.
 */
export function labelClusters(model: TfidfModel, clusters: readonly number[][], docs: readonly LabelDoc[]): CategoryLabel[] {
  return runSteps(labelClustersSteps(model, clusters, docs));
}

/** The same, as steps: one per cluster named (a large sample takes seconds). */
export function* labelClustersSteps(model: TfidfModel, clusters: readonly number[][], docs: readonly LabelDoc[]): Steps<CategoryLabel[]> {
  // Line by line: a title's last word and the next line's first word are no phrase.
  const lines = (text: string): string[] => text.split('\n');
  const docTerms = docs.map((d) => new Set(lines(d.text).flatMap((l) => indexTerms(l))));
  yield undefined;
  const used = new Set<string>();
  const labels: CategoryLabel[] = [];
  for (const members of clusters) {
    labels.push(labelOne(members));
    yield undefined;
  }
  return labels;

  function labelOne(members: readonly number[]): CategoryLabel {
    const texts = members.map((m) => docs[m]!.abstract);
    const surfaces = surfaceMap([...texts, ...texts, ...members.flatMap((m) => lines(docs[m]!.text))]);
    // Only terms written as such in these papers can name them (never a stem or a gap-spanning n-gram).
    // A single word names a topic only when titles use it too ("quantization", never "concept" or "take").
    const titles = members.map((m) => new Set(indexTerms(docs[m]!.text.split('\n')[0] ?? '')));
    const inTitles = (t: string): number => titles.filter((set) => set.has(t)).length;
    const scored = scoreTerms(model, members, docTerms, headWords(texts)).filter(([t]) => surfaces.has(t) && (t.includes(' ') || inTitles(t) >= 2));
    // Titles are written to name topics: a phrase several titles use leads the name; else a phrase
    // scoring at least half the top term does, since a phrase names a topic better than a word.
    const ranked = pickTerms(scored, 6);
    const titled = ranked.findIndex(([t, sc]) => t.includes(' ') && inTitles(t) >= Math.max(2, 0.15 * members.length) && sc >= 0.3 * ranked[0]![1]);
    const lead = titled >= 0 ? titled : ranked.findIndex(([t, sc]) => t.includes(' ') && sc >= 0.5 * ranked[0]![1]);
    const pickedKeys = lead > 0 ? [ranked[lead]!, ...ranked.filter((_, i) => i !== lead)] : ranked;
    const picked = pickedKeys.map(([t, s]) => [display(t, surfaces), s] as const);
    const holders = (t: string): Set<number> => new Set(members.filter((m) => docTerms[m]!.has(t)));
    const related = (a: string, b: string): boolean => {
      const x = holders(a);
      const y = holders(b);
      const both = [...x].filter((m) => y.has(m)).length;
      return both >= Math.max(1, PAIR_OVERLAP * Math.min(x.size, y.size));
    };
    const top = picked[0];
    let name = top ? top[0] : fallbackName(members, docs);
    let next = 1;
    const second = picked[1];
    if (second && second[1] >= 0.4 * top![1] && related(pickedKeys[0]![0], pickedKeys[1]![0])) {
      name = `${name} & ${second[0]}`;
      next = 2;
    }
    while (used.has(name.toLowerCase()) && picked[next]) name = `${name} & ${picked[next++]![0]}`;
    if (used.has(name.toLowerCase())) name = `${name}, ${TYPE_NOUN_PHRASE[dominantType(members, docs) ?? 'method']}`;
    for (let n = 2; used.has(name.toLowerCase()); n++) name = `${name.replace(/ \(\w+\)$/, '')} (${ORDINALS[n] ?? `part ${n}`})`;
    used.add(name.toLowerCase());
    const terms = picked.slice(0, 4).map(([t]) => t);
    const type = dominantType(members, docs);
    const definition = terms.length
      ? `Papers on ${listJoin(terms)}${type ? `, ${TYPE_PHRASE[type]}` : ''}.`
      : 'Papers with no distinctive shared terms.';
    return { name: capitalize(name), definition, terms };
  }
}
