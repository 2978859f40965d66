/**
 * Question sets over the example corpus, with their gold answers computed here from the titles and abstracts
 * by plain regular expressions (not by litrev's own matching): the gold of a list or count question is the set
 * of papers whose title or abstract names the thing asked about, in any of its spellings.
 */
export interface GoldPaper {
  key: string;
  title: string;
  abstract: string;
}

export interface SetQuestion {
  question: string;
  /** What names the thing asked about, in a title or abstract. */
  names: RegExp;
}

/** Held out: written before the planner was tuned, never used to tune it. */
export const LIST_QUESTIONS: SetQuestion[] = [
  { question: 'Which papers evaluate on LongBench?', names: /longbench/i },
  { question: 'Which papers use the GSM8K benchmark?', names: /gsm-?8k/i },
  { question: 'Which papers evaluate on RULER?', names: /\bRULER\b/ },
  { question: 'List the papers about speculative decoding.', names: /speculative[ -](?:decoding|sampling)/i },
  { question: 'Which papers mention mixture-of-experts models?', names: /mixtures?[- ]of[- ]experts|\bMoEs?\b/i },
  { question: 'Which papers are about the lottery ticket hypothesis?', names: /lottery[- ]ticket/i },
  { question: 'Which works study Kolmogorov-Arnold networks?', names: /kolmogorov[- ]arnold/i },
  { question: 'Which papers discuss chain-of-thought reasoning?', names: /chain[- ]of[- ]thoughts?|\bCoT\b/i },
  { question: 'Which papers use Mamba?', names: /\bmamba/i },
  { question: 'Show me papers on knowledge distillation.', names: /knowledge[- ]distill/i },
  { question: 'Which papers evaluate on Needle-in-a-Haystack?', names: /needle[- ]in[- ]a[- ]haystack/i },
  { question: 'What papers address time series forecasting?', names: /time[- ]series forecasting/i },
];

export const COUNT_QUESTIONS: SetQuestion[] = [
  { question: 'How many papers are about quantisation?', names: /quanti[sz]/i },
  { question: 'How many papers mention the key-value cache?', names: /\bKV[- ]?caches?\b|key[- ]value[- ](?:\(KV\) )?caches?/i },
  { question: 'How many papers use GSM8K?', names: /gsm-?8k/i },
  { question: 'How many papers discuss pruning?', names: /\bprun(?:e|es|ed|ing)\b/i },
  { question: 'How many papers mention reinforcement learning?', names: /reinforcement[- ]learning/i },
  { question: 'How many papers are about transformers?', names: /\btransformers?\b/i },
];

/** Follow-ups: the first question's answer, then one that must stay on its papers. */
export const FOLLOW_UPS: { first: string; then: string; within: RegExp }[] = [
  { first: 'What speedups do speculative decoding papers report?', then: 'Which of these is lossless?', within: /speculative[ -]decoding/i },
  { first: 'Which papers evaluate on LongBench?', then: 'Which of them use Llama?', within: /longbench/i },
];

export function goldKeys(papers: readonly GoldPaper[], names: RegExp): Set<string> {
  return new Set(papers.filter((p) => names.test(`${p.title}\n${p.abstract}`)).map((p) => p.key));
}

export interface SetScore {
  question: string;
  gold: number;
  answered: number;
  recall: number;
  precision: number;
}

export function scoreSet(question: string, gold: ReadonlySet<string>, answered: readonly string[]): SetScore {
  const hits = answered.filter((k) => gold.has(k)).length;
  return {
    question,
    gold: gold.size,
    answered: answered.length,
    recall: gold.size === 0 ? 1 : hits / gold.size,
    precision: answered.length === 0 ? (gold.size === 0 ? 1 : 0) : hits / answered.length,
  };
}

/** Micro-averaged recall and precision over a set of questions. */
export function overall(scores: readonly SetScore[]): { recall: number; precision: number } {
  const gold = scores.reduce((s, x) => s + x.gold, 0);
  const answered = scores.reduce((s, x) => s + x.answered, 0);
  const hitsR = scores.reduce((s, x) => s + x.recall * x.gold, 0);
  return { recall: gold ? hitsR / gold : 1, precision: answered ? hitsR / answered : 1 };
}

/** Written after the planner was finished and run once, unchanged: how the method does on questions it never saw. */
export const FRESH_LIST_QUESTIONS: SetQuestion[] = [
  { question: 'Which papers use FlashAttention?', names: /flash-?attention/i },
  { question: 'Which papers evaluate on MMLU?', names: /\bMMLU\b/i },
  { question: 'Which papers are about low-rank adaptation?', names: /low[- ]rank adaptation|\bLoRA\b/i },
  { question: 'Which papers mention sparse attention?', names: /sparse attention/i },
  { question: 'Which papers study in-context learning?', names: /in[- ]context learning/i },
  { question: 'Which papers use the HumanEval benchmark?', names: /humaneval/i },
  { question: 'Which papers discuss token eviction?', names: /token evictions?|evict(?:s|ing|ed)? tokens?/i },
  { question: 'Which papers are about diffusion models?', names: /diffusion models?/i },
];

/** A lookup question about one paper named in its title, and the key it must cite. */
export interface LookupQuestion {
  question: string;
  key: string;
}

/**
 * Lookup questions generated from the titles: every paper whose title starts with a one-word system name
 * ("SnapKV: ...", "TriForce: ...") that no other title starts with gets the same three questions; the gold is
 * that paper. Generated, not written, so no question was chosen to suit the answerer.
 */
export function lookupQuestions(papers: readonly GoldPaper[]): LookupQuestion[] {
  const nameOf = (p: GoldPaper) => /^([A-Za-z][\w-]{2,}):\s/.exec(p.title)?.[1] ?? null;
  const named = papers.map((p) => ({ p, name: nameOf(p) })).filter((x): x is { p: GoldPaper; name: string } => x.name !== null && /[A-Z].*[A-Z]|\d/.test(x.name));
  const seen = new Map<string, number>();
  for (const x of named) seen.set(x.name.toLowerCase(), (seen.get(x.name.toLowerCase()) ?? 0) + 1);
  const templates = ['What does {} report?', 'What does {} propose?', 'How does {} work?'];
  return named.filter((x) => seen.get(x.name.toLowerCase()) === 1).flatMap((x) => templates.map((t) => ({ question: t.replace('{}', x.name), key: x.p.key })));
}
