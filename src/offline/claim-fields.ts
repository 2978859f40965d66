import { normalizeNumberText } from '../verify/numbers.js';

/**
 * Reading the metric, value and baseline off a result sentence. Everything returned is taken from
 * the sentence (after LaTeX clean-up), so its numbers are the abstract's numbers.
 */
export interface ClaimFields {
  metric: string | null;
  value: string | null;
  baseline: string | null;
  /**
   * The words of the sentence that hold the value together with its metric ("up to 2.38x throughput
   * improvement", "reduces inference latency by 2.1x"), null when the metric is not next to the value:
   * a figure is only ever restated with the metric of its own phrase.
   */
  span: string | null;
}

const NUM = String.raw`\d+(?:,\d{3})*(?:\.\d+)?`;
const UNIT = String.raw`(?:\s?%|\s?(?:percent|per cent)\b|\s?×|x(?![A-Za-z])|\s(?:times|fold)\b|-fold\b|\s(?:points?|pp)\b)`;
const QUALIFIER = String.raw`(?:(?:up to|more than|over|nearly|almost|about|around|approximately|roughly|at least|at most|only|an average of|on average)\s+)?`;
/** A value: a number with a unit, possibly a short list of them ("4%, 6%, and 5%"). */
const VALUE = new RegExp(
  String.raw`(?<![\w.-])${QUALIFIER}[+-]?${NUM}${UNIT}(?:(?:,\s|,?\s(?:and|or|to)\s|\s?[-–]\s?)[+-]?${NUM}${UNIT})*`,
  'i',
);

const METRIC_WORDS = [
  'throughput', 'latency', 'memory usage', 'memory footprint', 'memory consumption', 'memory', 'accuracy',
  'perplexity', 'speedup', 'speed', 'F1', 'BLEU', 'ROUGE', 'MSE', 'MAE', 'RMSE', 'win rate', 'pass@1', 'pass@k',
  'energy', 'cost', 'compression ratio', 'time to first token', 'TTFT', 'TPOT', 'FLOPs', 'inference time',
  'training time', 'runtime', 'error', 'error rate', 'success rate', 'recall', 'precision', 'FID', 'PSNR', 'SSIM',
  'AUC', 'cache size', 'KV cache size', 'parameters', 'bandwidth', 'power', 'storage', 'score',
];
const METRIC_RE = new RegExp(
  String.raw`(?<![\w@-])(${[...METRIC_WORDS].sort((a, b) => b.length - a.length).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})(?![\w-])`,
  'i',
);

const CHANGE_VERB = String.raw`(?:degrad\w*|improv\w*|increas\w*|reduc\w*|boost\w*|lower\w*|cut\w*|rais\w*|enhanc\w*|accelerat\w*|speed\w* up|decreas\w*|shrink\w*|compress\w*|sav\w*|lift\w*)`;
const WORDS = String.raw`((?:[\w@-]+\s){0,2}?[\w@-]+?)`;
const CHANGE_NOUN = String.raw`(?:improvements?|reductions?|increases?|gains?|boosts?|decreases?|speedups?|acceleration|savings?|degradation|drops?|loss|overhead)`;
/** After the value: "7.5× accuracy improvement", "2.23x self-attention speedup". */
const AFTER_NOUN = new RegExp(String.raw`^\s+(?:(?:higher|lower|better|relative|absolute|average|overall|end-to-end)\s+)?${WORDS}\s+(${CHANGE_NOUN})\b`, 'i');
/** After the value: "4.48x more requests", "3x faster decoding". */
const AFTER_COMPARATIVE = new RegExp(String.raw`^\s+(?:more|fewer|less|higher|lower|better|faster|smaller|larger|tighter|longer|shorter)\s+${WORDS}(?=\s(?:than|compared|while|on|in|for|with|and|or|at|under|over)\b|[,.;:)]|$)`, 'i');
/** After the value: "23.84x speedup", "2x faster". */
const AFTER_SPEEDUP = /^\s+(?:end-to-end\s+)?(speedups?|faster|acceleration)\b/i;
/** Right after the value: "82.23% accuracy", "0.3 perplexity". */
const AFTER_METRIC = new RegExp(
  String.raw`^\s+(?:of\s+(?:the\s+)?)?(${METRIC_WORDS.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})(?![\w-])(?:\s+${CHANGE_NOUN}\b)?`,
  'i',
);
/** Before the value: "reduces inference latency by up to", "compresses the KV cache by". */
const BEFORE_VERB_BY = new RegExp(String.raw`\b${CHANGE_VERB}\s+(?:the\s+|its\s+|their\s+)?((?:[\w@-]+\s){0,5}?[\w@-]+)\s+by\s+${QUALIFIER}$`, 'i');
/** Before the value: "a training speedup of", "compression ratio of". */
const BEFORE_OF = new RegExp(String.raw`((?:[\w@-]+\s){0,2}[\w@-]+)\s+(?:of|at|to)\s+${QUALIFIER}$`, 'i');
const BASELINE = new RegExp(
  String.raw`\b(?:compared (?:to|with)|relative to|over|than|versus|vs\.?|against|outperform(?:s|ing|ed)?|surpass(?:es|ing|ed)?|beat(?:s|ing)?)\s+(?:the\s+|its\s+|their\s+)?([A-Za-z][\w$/+-]*(?:\s[A-Za-z0-9][\w$/+.'-]*){0,6}?)(?=\s(?:by|of|to|from|in|on|across|while|with|compared|relative|over|and|at|for|under|when|than|achieving|reaching|showing|yielding|using|which|that|even|significantly|substantially|consistently)\b|[,;:()]|\.(?:\s|$)|\s*$)`,
  'gi',
);
const NOT_METRIC = /^(?:the|a|an|it|this|that|which|model|models|method|methods|approach|up|to|of|in|on|by|them|performance|results?|average|only|and|or|with|range|compared|lengths?|total|factor|sample|samples|one|cases?|ratio|times|most|all|each|both|respectively|higher|lower|increase|decrease|more|less|fewer)$/i;
/** Phrases that are no measure: opening with a preposition or quantifier, ending with one, or one adjective. */
const NOT_A_METRIC_PHRASE = /^(?:than|by|under|including|all|same|one|each|from|over|across|such|these|those|other)\b|\s(?:from|of|to|by|with|in|on|and|or)$|^[a-z]+(?:al|ive|ous|ic|ed)$/i;
/** Verbs and prepositions that open a phrase read off the words before a value ("showing performance drops"). */
const LEADING_VERB = /^(?:(?:an?|the|experiments|results|observe[sd]?|notably|showing|shows?|showed|demonstrat\w*|maintain\w*|achiev\w*|yield\w*|with|without|reach\w*|obtain\w*|deliver\w*|provid\w*|offer\w*|enabl\w*|retain\w*|keep\w*|using|uses?|preserv\w*|attain\w*|noticeable|significant|notable|negligible|superior)\s+)+/i;
/** A phrase ending in one of these names what is measured ("top-1 accuracy", "compression rates"). */
const METRIC_HEAD = String.raw`(?:accuracy|rates?|ratios?|scores?|errors?|parameters|usage|size|footprint|quality|performance|compression|budget|MFU|OPS|FLOPs|TFLOPS)`;
/** After the value, a change and what it changes: "0.38% drop in accuracy", "16% improvement in runtime". */
const AFTER_CHANGE_IN = new RegExp(String.raw`^\s+(improvements?|reductions?|increases?|gains?|drops?|degradation|savings?|decreases?)\s+(?:in|of)\s+(?:the\s+|its\s+|their\s+)?((?:[\w@-]+\s){0,2}?[\w@-]+)(?=\s(?:while|and|with|on|in|at|for|under|when|using|without|compared|than|across|over)\b|[,.;:)]|$)`, 'i');
/** After the value, what it is a share of: "only 12% of the KV cache", "99% of Transformer quality". */
const AFTER_SHARE_OF = new RegExp(String.raw`^\s+of\s+(?:the\s+|its\s+|their\s+)?(?:original\s+|full\s+)?((?:[\w@-]+\s){0,2}?[\w@-]+)(?=\s(?:while|and|with|on|in|at|for|under|when|using|without|compared|than|across|can|is|are|achieved|obtained|reported|by|from|thus|which)\b|[,.;:)]|$)`, 'i');
/** After the value, a measure named by a noun phrase: "82.1% top-1 accuracy", "3x compression rates". */
const AFTER_MEASURE = new RegExp(String.raw`^\s+((?:[\w@-]+\s){0,2}${METRIC_HEAD})(?![\w-])`);
/** Before the value: a rank ("ranks in the top 38%"). */
const BEFORE_TOP = /\btop\s+$/i;
/** Right after the value, a change with nothing before it: "+24% improvement on GenEval", "58.9% gains". */
const AFTER_CHANGE = new RegExp(String.raw`^\s+(improvements?|reductions?|gains?|speedups?|savings?|degradation|drops?)\b`, 'i');
/** Before the value: a margin over what it outperforms ("outperforms X by up to 1.98x"). */
const BEFORE_MARGIN = new RegExp(String.raw`\b(?:outperform\w*|surpass\w*|beat\w*|exceed\w*)\b[^,;]{0,80}\bby\s+${QUALIFIER}$`, 'i');
/** After the value, the nouns it counts ("saves 35% KV cache without …"): what the number is of. */
const AFTER_COUNTED = /^\s+((?:[\w@-]+\s){0,2}?[\w@-]+)(?=\s(?:without|while|with|on|in|at|for|compared|than|across|over|under|when)\b|[,.;:)]|$)/;
/** Before the value: what a cost or range is of ("costs only 2.5%", "degradation ranging from 16%"). */
const BEFORE_COST = /\b(costs?|(?:[\w-]+\s)?(?:degradation|improvements?|gains?|reductions?|overhead))(?:\s+ranging)?\s+(?:from\s+)?$/i;
const NOT_BASELINE = /^(?:the|a|an|it|this|that|other|others|all|existing|prior|previous|time|baseline|baselines|state|up|\d)/i;

function cleanMetric(m: string | undefined): string | null {
  const t = m?.trim().replace(/^(?:in|of|on|for|a|an|the|its|their)\s+/i, '').replace(/^(?:a|an|the|its|their)\s+/i, '').replace(LEADING_VERB, '');
  if (!t || NOT_METRIC.test(t) || NOT_A_METRIC_PHRASE.test(t) || /(?:^|\s)[\d.,]+(?:\s|$)/.test(t) || /^\d/.test(t) || t.split(/\s+/).length > 4) return null;
  return t;
}

/** Before the value, in brackets: "high acceptance rates (>90%)". */
const BEFORE_BRACKET = /((?:[\w@-]+\s){0,2}[\w@-]+)\s*\(\s*[<>~≈]?\s*$/;
/** Right after a value's phrase: the baseline it is measured against, up to the next punctuation. */
const AFTER_BASELINE = /^\s+(?:over|than|compared (?:to|with)|relative to|versus|vs\.?)\s+[^,;:()]{1,60}?(?=[,;:()]|\.(?:\s|$)|\s+(?:while|and|with|on|in|at|for|under|when|using|without)\b|$)/i;

interface MetricRead {
  metric: string;
  /** The sentence's words from `start` to `end` hold the value and the metric. */
  start: number;
  end: number;
}

/** The metric of the value at `at` (length `len`) in `s`, read from the words next to it. */
function adjacentMetric(s: string, at: number, len: number): MetricRead | null {
  const before = s.slice(0, at);
  const after = s.slice(at + len);
  const end = at + len;
  const speed = AFTER_SPEEDUP.exec(after);
  const noun = AFTER_NOUN.exec(after);
  const byVerb = BEFORE_VERB_BY.exec(before);
  const byOf = BEFORE_OF.exec(before);
  const bracket = BEFORE_BRACKET.exec(before);
  const metricAfter = AFTER_METRIC.exec(after);
  const comparative = AFTER_COMPARATIVE.exec(after);
  const changeIn = AFTER_CHANGE_IN.exec(after);
  const shareOf = AFTER_SHARE_OF.exec(after);
  const measure = AFTER_MEASURE.exec(after);
  const candidates: [string | undefined, number, number][] = [
    [changeIn && cleanMetric(changeIn[2]) ? `${cleanMetric(changeIn[2])} ${changeIn[1]}` : undefined, at, end + (changeIn?.[0].length ?? 0)],
    [metricAfter?.[1], at, end + (metricAfter?.[0].length ?? 0)],
    [noun && (/^(?:speedup|acceleration)/i.test(noun[2]!) || NOT_METRIC.test(noun[1]!)) ? `${noun[1]} ${noun[2]}` : noun?.[1], at, end + (noun?.[0].length ?? 0)],
    [comparative?.[1], at, end + (comparative?.[0].length ?? 0)],
    [speed ? 'speedup' : undefined, at, end + (speed?.[0].length ?? 0)],
    [byVerb ? (cleanMetric(byVerb[1]) ?? byVerb[1]!.replace(/\s+of\s.*$/, '')) : undefined, byVerb?.index ?? 0, end],
    [byOf?.[1], byOf?.index ?? 0, end],
    [bracket?.[1], bracket?.index ?? 0, end + (/^\s*\)/.exec(after)?.[0].length ?? 0)],
    [measure?.[1], at, end + (measure?.[0].length ?? 0)],
    [BEFORE_TOP.test(before) ? 'rank (top share)' : undefined, before.search(BEFORE_TOP), end],
    [shareOf && cleanMetric(shareOf[1]) ? `share of ${cleanMetric(shareOf[1])}` : undefined, at, end + (shareOf?.[0].length ?? 0)],
    [AFTER_CHANGE.exec(after)?.[1], at, end + (AFTER_CHANGE.exec(after)?.[0].length ?? 0)],
    [BEFORE_COST.exec(before)?.[1]?.replace(/^costs$/i, 'cost'), BEFORE_COST.exec(before)?.index ?? 0, end],
    [BEFORE_MARGIN.test(before) ? 'margin over the baseline' : undefined, at, end],
    [AFTER_COUNTED.exec(after)?.[1], at, end + (AFTER_COUNTED.exec(after)?.[0].length ?? 0)],
  ];
  for (const [c, start, stop] of candidates) {
    const metric = cleanMetric(c);
    if (metric) return { metric, start, end: stop };
  }
  return null;
}

/** The words that hold a value and its adjacent metric, with the baseline right after them. */
function spanOf(s: string, read: MetricRead): string {
  const baseline = AFTER_BASELINE.exec(s.slice(read.end));
  const stop = read.end + (baseline?.[0].length ?? 0);
  return s.slice(read.start, stop).trim().replace(/[\s,;:.]+$/, '');
}

/**
 * A metric word earlier in the value's own clause ("throughput ... by 2x"). Never one after the value that the
 * words around it do not tie to it ("with 20% heavy hitters improves the throughput": the 20% is no throughput).
 */
function clauseMetricBefore(s: string, at: number): string | null {
  const before = s.slice(0, at);
  const clauseStart = Math.max(before.lastIndexOf(','), before.lastIndexOf(';'), 0);
  return METRIC_RE.exec(s.slice(clauseStart, at))?.[1] ?? null;
}

function baselineOf(s: string): string | null {
  for (const m of s.matchAll(BASELINE)) {
    const b = m[1]!.trim().replace(/[.,;:]+$/, '').replace(/\s+\w+ly$/i, '');
    if (b.length >= 3 && !/^\d/.test(b) && !/\d\s?(?:%|×|x\b)/.test(b) && !(NOT_BASELINE.test(b) && b.split(' ').length === 1)) return b;
  }
  return null;
}

/**
 * The metric, value and baseline of a result sentence, each null when it cannot be read off: the first value the
 * sentence ties to a metric by the words next to it, else the first with a metric word earlier in its clause. A
 * number is never given a metric its sentence does not state for it.
 */
export function claimFields(sentence: string): ClaimFields {
  const s = normalizeNumberText(sentence).replace(/\s+/g, ' ');
  const all = new RegExp(VALUE.source, VALUE.flags.includes('g') ? VALUE.flags : `${VALUE.flags}g`);
  const values = [...s.matchAll(all)].map((m) => {
    const lead = m[0].length - m[0].trimStart().length;
    return { at: m.index + lead, raw: m[0].trim() };
  });
  const baseline = baselineOf(s);
  if (values.length === 0) return { metric: null, value: null, baseline, span: null };
  const valueOf = (raw: string) => raw.replace(/^by\s+/i, '');
  for (const v of values) {
    const read = adjacentMetric(s, v.at, v.raw.length);
    if (read) return { metric: read.metric, value: valueOf(v.raw), baseline, span: spanOf(s, read) };
  }
  for (const v of values) {
    const metric = clauseMetricBefore(s, v.at);
    if (metric) return { metric, value: valueOf(v.raw), baseline, span: null };
  }
  return { metric: null, value: valueOf(values[0]!.raw), baseline, span: null };
}

/** Does the sentence carry a quantitative result (a number with %, ×, times, points...)? */
export function hasQuantity(sentence: string): boolean {
  return VALUE.test(normalizeNumberText(sentence));
}
