
/**
 * Text as the corpus table matches it: lower-cased words with British spellings read as American
 * ("quantisation" as "quantization", "behaviour" as "behavior"), a few synonyms read as one name
 * ("key-value cache" and "KV cache", "mixture of experts" and "MoE"), hyphens as spaces, and every word
 * reduced to its stem ("quantized", "quantization" and "quantisation" meet). A thing asked about
 * and a paper's text are normalised the same way, so a phrase names the paper when its stems appear in
 * order. Stems are light (inflections, -ation, -ction and -ssion only), so "transformer" and "transformation" stay apart. Hyphenated and spaced spellings of one name ("GSM-8K", "GSM8K") meet through `joined`.
 */
export interface MatchText {
  /** Stems separated by single spaces, with a space at each end. */
  stems: string;
  /** Words written with hyphens inside, joined ("gsm8k", "longbenchv2"), with a space at each end. */
  joined: string;
}

/** Phrases read as one name; the canonical form is the first. Both sides of a match are rewritten. */
const SYNONYMS: [string, RegExp][] = [
  ['kv cache', /\bkey[\s-]*value[\s-]*(?:\(kv\)\s*)?caches?\b|\bkv[\s-]*caches?\b/g],
  ['moe', /\bmixtures?[\s-]+of[\s-]+experts?\b|\bmoes?\b/g],
  ['rag', /\bretrieval[\s-]+augmented[\s-]+generation\b/g],
  ['llm', /\blarge[\s-]+language[\s-]+models?\b|\bllms?\b/g],
  ['vlm', /\bvision[\s-]+language[\s-]+models?\b|\bvlms?\b/g],
  ['cot', /\bchain[\s-]+of[\s-]+thoughts?\b/g],
  ['rl', /\breinforcement[\s-]+learning\b/g],
  ['finetun', /\bfine[\s-]?tun(?:e|es|ed|ing)\b/g],
  ['niah', /\bneedle[\s-]+in[\s-]+a[\s-]+haystack\b/g],
  ['speculative decoding', /\bspeculative[\s-]+(?:decoding|sampling)\b/g],
];

/** British spellings, read as American: -ise/-isation/-yse, -our. Applied to single words. */
function american(word: string): string {
  if (word.length < 5) return word;
  return word
    .replace(/is(ation|ations|e|es|ed|ing|er|ers)$/, 'iz$1')
    .replace(/ys(e|es|ed|ing)$/, 'yz$1')
    .replace(/our(s|ed|ing)?$/, (m, s: string | undefined) => (word.length > 5 ? `or${s ?? ''}` : m));
}

/** Suffixes taken off a word, longest first: inflections and -ation ("quantization", "quantized", "quantize" meet). */
const SUFFIXES: [RegExp, string][] = [
  [/ations?$/, ''],
  // "eviction" and "evicting", "compression" and "compressing" meet (not "-tion" after a vowel or n: "attention").
  [/(?<=c)tions?$/, 't'],
  [/(?<=ss)ions?$/, ''],
  [/ies$/, 'y'],
  [/ings?$/, ''],
  [/ed$/, ''],
  [/es$/, ''],
  [/(?<!s)s$/, ''],
  [/e$/, ''],
];

function lightStem(word: string): string {
  if (word.length <= 3) return word;
  for (const [re, to] of SUFFIXES) {
    if (!re.test(word)) continue;
    const stem = word.replace(re, to);
    return stem.length >= 3 ? stem : word;
  }
  return word;
}

const stemMemo = new Map<string, string>();
function stem(word: string): string {
  let s = stemMemo.get(word);
  if (s === undefined) {
    s = /^[a-z]+$/.test(word) ? lightStem(american(word)) : word;
    if (stemMemo.size > 200_000) stemMemo.clear();
    stemMemo.set(word, s);
  }
  return s;
}

/** The matchable form of a text (a title and abstract, or a phrase asked about). */
export function matchText(text: string): MatchText {
  let t = text.toLowerCase().normalize('NFKC');
  const joined = new Set<string>();
  for (const m of t.matchAll(/[\p{L}\p{N}]+(?:[-‐–][\p{L}\p{N}]+)+/gu)) joined.add(m[0].replace(/[-‐–]/g, ''));
  for (const [canonical, re] of SYNONYMS) t = t.replace(re, ` ${canonical} `);
  const words = t.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  return { stems: ` ${words.map(stem).join(' ')} `, joined: ` ${[...joined].join(' ')} ` };
}

/** Does `text` name `phrase` (both in matchable form)? */
export function namesPhrase(text: MatchText, phrase: MatchText): boolean {
  const p = phrase.stems;
  if (p.trim() === '') return false;
  if (text.stems.includes(p)) return true;
  // One word asked ("GSM8K") against a hyphenated spelling in the text ("GSM-8K"), and the reverse.
  const compact = p.trim().replace(/ /g, '');
  return text.joined.includes(` ${compact} `) || (phrase.joined.trim() !== '' && text.stems.includes(` ${phrase.joined.trim()} `));
}
