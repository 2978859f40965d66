/**
 * The name an abstract gives what it introduces ("we propose KeepKV, a …", "a method called
 * FairKV", "dubbed SciDA"), or null. A name is one token that looks coined: an inner capital, two
 * capitals, or letters joined to digits or symbols ("KeepKV", "H2O", "Fairy±i"), not a plain word.
 */
const INTRODUCES = /\b(?:we|this (?:paper|work|study))\s+(?:(?:first|further|also|then|here)\s+)?(?:propose|introduce|present|develop|design|build|release|call|dub|name|term)\b/i;
const NAME = String.raw`([A-Z][A-Za-z0-9]*(?:[-±+_^][A-Za-z0-9]+)*)`;
const CALLED = new RegExp(String.raw`\b(?:called|dubbed|named|termed|coined)\s+${NAME}`);
const APPOSITION = new RegExp(String.raw`\b(?:propose|introduce|present|develop|design|build|release)s?\s+(?:the\s+)?${NAME}(?=\s*(?:[,:(]|\s+(?:as|to|for|which|that|a|an|the)\b))`);

function coined(word: string): boolean {
  return /[a-z][A-Z]|[A-Z].*[A-Z]|[A-Za-z]\d|\d[A-Za-z]|[±+^_]/.test(word);
}

/** Acronyms every abstract uses for other things: never a paper's own name. */
const COMMON = new Set(['LLM', 'LLMs', 'GPU', 'GPUs', 'CPU', 'KV', 'AI', 'NLP', 'CNN', 'RNN', 'MLP', 'API', 'SOTA', 'PTQ', 'QAT', 'RL', 'ML', 'DNN', 'DNNs', 'LM', 'LMs', 'VLM', 'VLMs', 'MoE']);

export function introducedName(abstract: string): string | null {
  for (const sentence of abstract.split(/(?<=[.!?])\s+/)) {
    if (!INTRODUCES.test(sentence) && !CALLED.test(sentence)) continue;
    for (const re of [CALLED, APPOSITION]) {
      const m = re.exec(sentence);
      const name = m?.[1]?.replace(/[-_^]+$/, '');
      if (name && coined(name) && !COMMON.has(name)) return name;
    }
  }
  return null;
}
