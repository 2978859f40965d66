import type { ContributionType } from '../review/annotation.js';

/**
 * The cues a paper gives about its kind of contribution, each with a name (recorded as the reason),
 * where it is looked for and its weight. General phrasings of scientific writing only: what the paper
 * says it proposes, builds, releases, proves, measures, surveys or argues.
 */
export interface TypeCue {
  type: ContributionType;
  name: string;
  re: RegExp;
  weight: number;
  /** 'title', 'claim' (the sentence saying what the paper does, and its object), or 'abstract'. */
  where: 'title' | 'claim' | 'abstract';
}

const cue = (type: ContributionType, where: TypeCue['where'], weight: number, name: string, re: RegExp): TypeCue => ({ type, name, re, weight, where });

/** Nouns naming what a paper contributes, by kind. */
const SYSTEM_NOUN = String.raw`(?:system|engine|runtime|serving (?:system|framework|engine)|accelerator|platform|library|toolkit|toolchain|compiler|hardware|chip|processor|infrastructure|prototype|database|tool|tools|suite of tools|simulator)`;
const DATA_NOUN = String.raw`(?:benchmark|dataset|data set|corpus|test ?bed|testbed|leaderboard|evaluation suite|collection)`;
const METHOD_NOUN = String.raw`(?:method|approach|algorithm|technique|framework|model|architecture|scheme|strategy|mechanism|module|paradigm|procedure|pipeline|loss|objective|layer|network|policy|recipe)`;

/** Up to five words of modifiers before the head noun ("a novel flash-aware in-storage attention engine"). */
const MODS = String.raw`(?:[\w+-]+\s+){0,5}?`;
/** A verb of making something new, then up to four words (a name, an appositive comma), then the article. */
const MAKES = String.raw`\b(?:propos|introduc|present|develop|design|build|built|construct|creat|curat|collect|releas|contribut|offer|provid|implement|describ)\w*\s+(?:[\w+-]+,?\s+){0,4}?`;
const made = (noun: string): RegExp => new RegExp(String.raw`${MAKES}(?:a|an|the|our|novel|new)\s+${MODS}${noun}s?\b`, 'i');

export const TYPE_CUES: readonly TypeCue[] = [
  // Titles.
  cue('survey', 'title', 4, 'title names a survey or review', /\b(?:survey|literature review|systematic review|overview|tutorial|primer|systemati[sz]ation of knowledge)\b/i),
  cue('benchmark-or-dataset', 'title', 2.5, 'title names a benchmark or dataset', /\b(?:benchmark(?:ing)?|dataset|corpus|leaderboard|test ?bed|[a-z]+bench)\b/i),
  cue('empirical-study', 'title', 3, 'title names an empirical study', /\b(?:empirical (?:study|analysis|investigation|evaluation)|(?:an?|large-scale|systematic) (?:study|analysis|investigation) of|experience report|lessons (?:learned|from))\b/i),
  cue('empirical-study', 'title', 1.5, 'title asks a question or announces understanding', /^(?:understanding|investigating|revisiting|evaluating|analy[sz]ing|measuring|characteri[sz]ing|on the|when|what|why|how|do|does|can|is|are)\b|\?/i),
  cue('theory', 'title', 2.5, 'title names a theoretical result', /\b(?:bounds?|regret|sample complexity|expressive power|expressivity|expressiveness|provabl[ey]|convergence|hardness|impossibility|minimax|optimal rates?|theorem|theory of|np-hard|complexity of)\b/i),
  cue('system', 'title', 1.5, 'title names a system or hardware', /\b(?:system|serving|engine|runtime|accelerator|fpgas?|asic|hardware|platform|in-storage|compiler|cluster|datacenter|framework for serving)\b/i),
  cue('position', 'title', 3, 'title states a position', /^position\b|\bposition:|\b(?:a call (?:for|to)|manifesto|we need|should (?:we|not)|considered harmful|the case for|the case against|rethinking the role)\b/i),
  cue('position', 'title', 0.5, 'title says "Towards"', /^towards?\b/i),

  // The sentence saying what the paper does ("we propose X, a …", "this paper presents …").
  cue('system', 'claim', 3.5, 'says it builds a system', made(SYSTEM_NOUN)),
  cue('system', 'claim', 1.5, 'targets hardware', /\b(?:fpgas?|asics?|accelerators?|gpu kernels?|computational storage|hpc|on-chip|in-storage|spatial array)\b/i),
  cue('benchmark-or-dataset', 'claim', 3, 'says it releases a benchmark or dataset', made(DATA_NOUN)),
  cue('method', 'claim', 2, 'says it proposes a method', made(METHOD_NOUN)),
  cue('theory', 'claim', 2.5, 'says it proposes a theory', new RegExp(String.raw`${MAKES}(?:a|an|the|our)\s+(?:[\w+-]+\s+){0,2}?(?:theory|theoretical framework|formal framework|formali[sz]ation|characteri[sz]ation)\b`, 'i')),
  cue('method', 'claim', 1, 'proposes something it names', /\b(?:propose|proposes|introduce|introduces|present|presents)\s+(?:the\s+)?[A-Z][\w+^±-]*[A-Z0-9][\w+^±-]*/),
  cue('empirical-study', 'claim', 2, 'says it studies or measures', /\b(?:we|this (?:paper|work|study|thesis|report))\s+(?:(?:first|further|also|then|here|closely|empirically|systematically|comprehensively|thoroughly)\s+)?(?:study|studies|investigate|investigates|analy[sz]e|analy[sz]es|examine|examines|explore|explores|measure|measures|evaluate|evaluates|revisit|revisits|characteri[sz]e|characteri[sz]es|quantify|quantifies|conduct|conducts|perform|performs|compare|compares|ask|asks)\b/i),
  cue('theory', 'claim', 2, 'states a problem to analyse', /\b(?:we|this (?:paper|work))\s+(?:(?:first|further|also|then|here)\s+)?(?:study|studies|consider|considers|investigate|investigates|analy[sz]e|analy[sz]es)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:problem|task|approximability|complexity|learnability|hardness|capacity|capacities|setting)\b/i),
  cue('theory', 'claim', 2.5, 'says it proves', /\b(?:we|this (?:paper|work))\s+(?:(?:first|further|also|then|formally|rigorously)\s+)?(?:prove|proves|derive|derives|establish|establishes|give tight bounds|show that the answer)\b|\b(?:tight|lower|upper|minimax) bounds?\b/i),
  cue('survey', 'claim', 4, 'says it surveys the literature', /\b(?:this (?:survey|review)|we (?:survey|review|summari[sz]e|categori[sz]e|systemati[sz]e)|(?:systematic|comprehensive) (?:review|survey|overview) of)\b/i),
  cue('position', 'claim', 3, 'says it argues a position', /\b(?:we (?:argue|advocate|contend|posit|call (?:for|on|upon))|this position paper|(?:this|our) position)\b/i),

  // The whole abstract.
  cue('theory', 'abstract', 1, 'proof vocabulary', /\b(?:theorems?|lemmas?|we prove|proven|provabl[ey]|unless p\s?=\s?np|(?:np|#p)-(?:hard|hardness|complete)|regret|minimax|sample complexity|oracle complexity|convergence rates?|(?:tight|lower|upper) bounds?|necessary and sufficient|guarantees?|integrality gap|approximation (?:ratio|factor)s?|hardness (?:results?|of approximation)|polynomial[- ]time|(?:show|prove|derive)\w* analytically|analytically tractable|closed[- ]form)\b/gi),
  cue('empirical-study', 'abstract', 0.75, 'reports findings', /\b(?:we (?:find|found|observe|observed) that|our (?:findings|results|analysis|investigation|study) (?:reveal|show|suggest|indicate)s?|(?:findings|results) (?:suggest|indicate|reveal)|we identify (?:three|two|four|several)|empirical study)\b/gi),
  cue('method', 'abstract', 0.5, 'reports gains over baselines', /\b(?:outperform\w*|surpass\w*|state-of-the-art|improv\w* (?:over|upon)|speedups? of|our (?:method|approach|model|framework))\b/gi),
  cue('method', 'abstract', 1, 'measures its own gain over others', /\b\d+(?:\.\d+)?\s?(?:%|×|x|times)(?![\w])[^.;]{0,60}?\b(?:over|than|compared (?:to|with)|relative to)\b/gi),
  cue('system', 'abstract', 0.4, 'reports system measurements', /\b(?:throughput|end-to-end latency|deploy\w*|implemented (?:on|in)|gpu memory|serving)\b/gi),
  cue('benchmark-or-dataset', 'abstract', 1, 'describes released data', /\b(?:we (?:release|collect|curate|annotate)|(?:contains|consisting of|comprising) (?:\d[\d,]*|over \d[\d,]*) (?:\w+ )?(?:problems|examples|questions|samples|tasks|instances|images|videos|documents|pairs)|publicly (?:available|release\w*) (?:dataset|benchmark))\b/gi),
  cue('survey', 'abstract', 1.5, 'speaks as a survey', /\b(?:this survey|this review|we review|we survey|literature|taxonomy of|recent advances)\b/gi),
  cue('position', 'abstract', 1.5, 'argues', /\b(?:we argue|we advocate|we call for|position paper|we contend|this essay|we posit)\b/gi),
];
