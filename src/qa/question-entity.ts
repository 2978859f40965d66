/**
 * What a question asks for and about whom: the kind of entity wanted ("Which dataset did MolGNN
 * use?" wants a dataset) and the named subject it asks about ("MolGNN"). Read off the question's
 * words; a sentence is then checked for an entity of that kind by its shape.
 */
export type EntityKind = 'dataset' | 'model' | 'metric' | 'number';

const ASKS: [EntityKind, RegExp][] = [
  ['dataset', /\b(?:which|what)\s+(?:\w+\s+){0,2}?(?:datasets?|benchmarks?|data|corpus|corpora|test ?beds?)\b|\b(?:trained|evaluated|tested|benchmarked|pre-?trained|fine-?tuned)\s+on\s+(?:what|which)\b|\bon (?:which|what) (?:data|datasets?|benchmarks?)\b/i],
  ['model', /\b(?:which|what)\s+(?:\w+\s+){0,2}?(?:models?|llms?|backbones?|architectures?|networks?|encoders?|baselines?)\b/i],
  ['metric', /\b(?:which|what)\s+(?:\w+\s+){0,2}?(?:metrics?|measures?|evaluation criteria|scores?)\b/i],
  ['number', /\b(?:how (?:much|many|fast|large|big|small|long|well)|by (?:how much|what (?:factor|margin))|what (?:accuracy|speed-?up|percentage|ratio|throughput|latency|score|size))\b/i],
];

/** The kind of entity the question asks for, or null. */
export function askedEntity(question: string): EntityKind | null {
  return ASKS.find(([, re]) => re.test(question))?.[0] ?? null;
}

/** A coined name: an inner capital, two capitals, or letters with digits ("ZINC250k", "GSM8K", "MolGNN", "Llama-2"). */
const COINED = /(?<![\w-])(?:[A-Z][A-Za-z]*[A-Z0-9][\w.+-]*|[A-Za-z]+\d[\w.+-]*|[a-z]+[A-Z][\w.+-]*)(?![\w-])/g;
const DATA_WORD = /\b(?:datasets?|benchmarks?|corpus|corpora|data|test ?sets?|splits?)\b/i;
const ON_DATA = /\b(?:on|using|with|from|over|across)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:[A-Z][\w-]*\d[\w-]*|[A-Z][a-z]*[A-Z][\w-]*|[A-Z]{2,}[\w-]*)/;
const MODEL_NAME = /\b(?:GPT|LLaMA|Llama|BERT|RoBERTa|T5|Mistral|Mixtral|Qwen|Gemma|OPT|PaLM|Claude|Falcon|Phi|ResNet|ViT|CLIP|Vicuna|DeepSeek|Pythia)[\w.-]*|\b\d+(?:\.\d+)?[BM]\b/;
const METRIC_WORD = /\b(?:accuracy|F1|BLEU|ROUGE|perplexity|AUC|ROC|latency|throughput|error rate|recall|precision|MAE|RMSE|MSE|FID|pass@\d+|exact match|win rate|success rate)\b/i;

/** Does the sentence name an entity of this kind? */
export function mentionsEntity(sentence: string, kind: EntityKind): boolean {
  switch (kind) {
    case 'dataset':
      return ON_DATA.test(sentence) || (DATA_WORD.test(sentence) && (sentence.match(COINED) ?? []).length > 0);
    case 'model':
      return MODEL_NAME.test(sentence);
    case 'metric':
      return METRIC_WORD.test(sentence);
    case 'number':
      return /\d/.test(sentence.replace(COINED, ''));
  }
}

/** Acronyms every question uses for something general: never a subject. */
const GENERAL = new Set(['LLM', 'LLMs', 'KV', 'GPU', 'GPUs', 'CPU', 'AI', 'NLP', 'ML', 'RL', 'API', 'SOTA', 'I']);

/**
 * The names the question asks about: coined names ("MolGNN", "KV-Distill", "Mixture-of-Depths") and
 * capitalised words past its first ("Does Mamba scale?"), not general acronyms ("LLM").
 */
export function questionSubject(question: string): string[] {
  const words = question.replace(/[?!.,;:()"]/g, ' ').split(/\s+/).filter(Boolean);
  const names = words.filter((w, i) => {
    if (GENERAL.has(w) || GENERAL.has(w.replace(/s$/, ''))) return false;
    if (new RegExp(`^${COINED.source}$`).test(w)) return true;
    // A hyphenated name with a capital past a hyphen ("Mixture-of-Depths", "Tree-of-Thoughts") is a name anywhere.
    if (/^[A-Z][a-z]+(?:-[a-z]+)*-[A-Z][A-Za-z]*$/.test(w)) return true;
    return i > 0 && /^[A-Z][a-z]{2,}(?:-[A-Za-z]+)*$/.test(w);
  });
  return [...new Set(names)];
}

/** Does the paper's title or abstract name the subject (any of its names, as a word)? */
export function namesSubject(text: string, subject: readonly string[]): boolean {
  return subject.some((s) => new RegExp(`(?<![\\w-])${s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w-])`).test(text));
}
