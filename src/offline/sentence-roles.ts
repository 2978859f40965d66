import type { SentenceSpan } from '../verify/sentence-split.js';

/**
 * Which sentences of an abstract state the problem and which state what the paper does. Both are
 * picked by cue phrases and returned verbatim.
 */
const CONTRIBUTION =
  /\b(?:we|this (?:paper|work|study|article|letter|report)|our (?:paper|work|study))\s+(?:(?:first|further|also|then|here|formally|systematically)\s+)?(?:propose|introduce|present|develop|design|devise|describe|build|construct|put forward|offer|release|study|investigate|analy[sz]e|prove|show|establish|explore|examine|consider|conduct|provide|derive|formali[sz]e|formulate|tackle|address|extend|revisit|characteri[sz]e|demonstrate|report|identify)/i;

const PASSIVE_INTRO = /\b(?:is|are) (?:introduced|proposed|presented|developed|designed|described)\b|\bwe (?:call|name|dub|term)\b/i;

const NAMED_INTRO = /^(?:[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*)\s*(?:,[^,]{0,80},\s*)?(?:is|introduces|proposes|presents|uses|leverages|combines|employs|consists|comprises)\b/;

const PROBLEM_CUES: [RegExp, number][] = [
  [/\b(?:challeng\w*|bottleneck\w*|problem\w*|issue\w*|difficult\w*|obstacle\w*)\b/i, 2],
  [/\b(?:however|but|although|despite|while)\b/i, 1],
  [/\b(?:suffer\w*|limit\w*|lack\w*|fail\w*|struggl\w*|hinder\w*|prohibitive\w*|costly|expensive|inefficien\w*|remain\w*|degrad\w*|impractical|overhead)\b/i, 1.5],
  [/\b(?:quadratic\w*|grows?|growing|scal(?:e|es|ing) (?:linearly|poorly|quadratically))\b/i, 1],
  [/\b(?:open question|little is known|poorly understood|remains unclear|unclear)\b/i, 2],
];

/** Index of the first sentence that says what the paper does, or -1. */
export function contributionIndex(sentences: readonly SentenceSpan[]): number {
  return sentences.findIndex((s) => CONTRIBUTION.test(s.text));
}

/**
 * The sentences saying what the paper does: the first two contribution sentences ("we propose…",
 * "this paper presents…"), else the first sentence introducing something by name. Verbatim.
 */
export function contributionSentences(sentences: readonly SentenceSpan[]): string[] {
  const own = sentences.filter((s) => CONTRIBUTION.test(s.text)).slice(0, 2);
  if (own.length) return own.map((s) => s.text);
  const named = sentences.find((s) => PASSIVE_INTRO.test(s.text) || NAMED_INTRO.test(s.text));
  return named ? [named.text] : [];
}

/** Score of a sentence as a problem statement. */
function problemScore(text: string): number {
  return PROBLEM_CUES.reduce((sum, [re, w]) => sum + (re.test(text) ? w : 0), 0);
}

/** The sentence stating the problem or challenge: the best cue match before the contribution sentence. */
export function problemSentence(sentences: readonly SentenceSpan[]): string {
  if (sentences.length === 0) return '';
  const contribution = contributionIndex(sentences);
  const limit = contribution > 0 ? contribution : Math.max(1, Math.ceil(sentences.length / 2));
  let best = 0;
  let bestScore = 0;
  for (let i = 0; i < limit; i++) {
    const s = problemScore(sentences[i]!.text);
    if (s > bestScore) {
      best = i;
      bestScore = s;
    }
  }
  return sentences[best]!.text;
}

/** Does this sentence continue the description of the method (rather than report results)? */
function continuesMethod(text: string, name: string | null): boolean {
  if (/\b(?:experiments?|results?|evaluations?|outperform\w*|achiev\w*|code|available)\b/i.test(text)) return false;
  if (name && text.startsWith(name)) return true;
  return /^(?:It|Our (?:method|approach|framework|system|model|design)|Specifically|The (?:key|core|main) (?:idea|insight|technique|component))\b/.test(text);
}

/** Index of the sentence that says what the paper does (falling back to weaker cues), or -1 for none. */
export function methodSentenceIndex(sentences: readonly SentenceSpan[], name: string | null): number {
  let i = contributionIndex(sentences);
  if (i < 0) i = sentences.findIndex((s) => PASSIVE_INTRO.test(s.text));
  if (i < 0) i = sentences.findIndex((s) => (name !== null && s.text.includes(name)) || NAMED_INTRO.test(s.text));
  if (i < 0) i = sentences.findIndex((s) => /\b(?:we|our)\b/i.test(s.text));
  if (i < 0 && sentences.length > 0) i = sentences.length > 1 ? 1 : 0;
  return i;
}

/**
 * One or two sentences saying what the paper does: the first contribution sentence ("we propose…"),
 * plus the next one when it goes on describing the method and both stay short. Verbatim.
 */
export function methodSentences(sentences: readonly SentenceSpan[], name: string | null): string[] {
  const i = methodSentenceIndex(sentences, name);
  const first = sentences[i];
  if (!first) return [];
  const out = [first.text];
  const next = sentences[i + 1];
  const words = (t: string): number => t.split(/\s+/).length;
  if (next && continuesMethod(next.text, name) && words(first.text) + words(next.text) <= 60) out.push(next.text);
  return out;
}
