import type { Claim } from '../review/annotation.js';
import type { SentenceSpan } from '../verify/sentence-split.js';
import { claimFields, hasQuantity } from './claim-fields.js';

/**
 * Claims are the abstract's sentences that report results: a quantity (%, ×, times, points…) with
 * a result verb or an evaluation context, or a strong comparative verb ("outperforms"). Each claim
 * quotes its sentence verbatim.
 */
const RESULT_VERB =
  /\b(?:outperform\w*|surpass\w*|exceed\w*|achiev\w*|improv\w*|reduc\w*|accelerat\w*|speedups?|speeds? up|faster|slower|higher|lower|better|boost\w*|increas\w*|decreas\w*|gains?|sav(?:e|es|ed|ing)|cuts?|match(?:es|ing)?|comparable|competitive|state-of-the-art|sota|yield\w*|attain\w*|deliver\w*|retain\w*|preserv\w*|maintain\w*|compress\w*|enhanc\w*|drop\w*|lead\w* to)\b/i;
const STRONG_VERB =
  /\b(?:outperform\w*|surpass\w*|beats?|achiev\w* (?:new |the )?(?:state-of-the-art|sota|superior|competitive|comparable|better|higher|best)|significantly (?:improv\w*|reduc\w*|boost\w*|enhanc\w*|accelerat\w*)|speedups?|sets? (?:a )?new state)\b/i;
const CONTEXT =
  /\b(?:experiments?|experimental|results?|evaluations?|empirical(?:ly)?|benchmarks?|we (?:show|demonstrate|find|observe|report)|shows?|demonstrates?|compared (?:to|with)|relative to)\b/i;
const NOT_A_RESULT = /\b(?:code|data|models?|weights) (?:is|are|will be) (?:publicly )?(?:available|released)|https?:\/\//i;

const LEAD_IN =
  /^(?:(?:extensive |comprehensive |our )?(?:experiments?|experimental results|evaluations?|empirical results|results)(?:\s+(?:on|across|with|over|using)\s+[^,]{1,80}?)?,?\s+(?:show|shows|demonstrate|demonstrates|reveal|reveals|indicate|indicates|confirm|confirms|suggest|suggests)(?:\s+that)?\s+|(?:we (?:show|demonstrate|find|observe) that)\s+|(?:in (?:particular|addition)|notably|moreover|furthermore|specifically|overall),?\s+)/i;

/**
 * Results stated in words, as researchers quote them: what the authors show, prove, find or
 * establish; what their results or experiments show; being the first; beating or matching others.
 */
const FINDING = new RegExp(
  [
    String.raw`\b(?:we|this (?:paper|work|study)|our (?:work|paper|study))\s+(?:(?:also|further|then|formally|rigorously|analytically|empirically|theoretically|experimentally|additionally|moreover|finally|first)\s+)*(?:show|shows|prove|proves|find|finds|found|observe|observed|demonstrate|demonstrates|establish|establishes|identify|identified|discover|discovered|confirm|confirmed|reveal|reveals|obtain|obtains|give|gives|derive|derives|uncover|uncovered)\b`,
    String.raw`\b(?:our|the|these|experimental|empirical|extensive|main)\s+(?:\w+\s+){0,2}?(?:results?|findings|analys[ie]s|experiments|evaluations?|study|investigation|observations)\s+(?:(?:also|further|clearly|consistently)\s+)?(?:show|shows|reveal|reveals|demonstrate|demonstrates|suggest|suggests|indicate|indicates|confirm|confirms|imply|implies|highlight|highlights|validate|validates|verify|verifies|is|are)\b`,
    String.raw`\b(?:is|are|as|becomes|provides?|gives?)\s+the\s+first\b|\bto the best of our knowledge\b`,
    String.raw`\b(?:outperform\w*|surpass\w*|beats?|matches|rivals?|on par with|closing the gap|sets? (?:a )?new state)\b`,
    String.raw`\b(?:achiev\w*|attain\w*|deliver\w*|yield\w*|obtain\w*)\s+(?:(?:the|a|an|new|consistently|significantly|substantially)\s+)*(?:state-of-the-art|sota|optimal|near-optimal|minimax|superior|competitive|comparable|better|best|strong|significant|substantial|tight|improved|faster|lower|higher)\b`,
    String.raw`\b(?:significantly|substantially|consistently|dramatically|markedly)\s+(?:improv\w*|reduc\w*|boost\w*|enhanc\w*|accelerat\w*|outperform\w*|lower\w*|increas\w*|speed\w* up)\b`,
  ].join('|'),
  'i',
);
/** Hopes, plans and pointers, not results. */
const NOT_A_FINDING = /\b(?:we hope|will be|we plan|we aim|we intend|is available|are available|can be found|we (?:show|demonstrate) how to\b)/i;

/** Words of measured evidence (a motivation that cites experiments is a finding after all). */
const EVIDENCE = /\b(?:experiments?|experimental|evaluations?|empirical(?:ly)?|benchmarks?|results? (?:show|reveal|demonstrate|indicate))\b/i;
/** What is wrong with earlier work: a motivation, even when "we identify" or "we observe" it. */
const MOTIVATION = /\b(?:however|weakness\w*|neglect\w*|overlook\w*|limitation\w*|inefficien\w*|bottleneck\w*|drawback\w*|shortcoming\w*)\b/i;

const PROBLEM_TALK = /\b(?:however|but|although|suffer\w*|limit(?:s|ed|ation\w*)|challeng\w*|fail\w*|struggl\w*)\b/i;

/**
 * Is sentence `index` a result? `after` is the index of the sentence saying what the paper does
 * (-1 when none): results come after it, never in the problem statement before it.
 */
function isClaimSentence(text: string, index: number, total: number, after: number): boolean {
  if (NOT_A_RESULT.test(text)) return false;
  const early = after >= 0 ? index < after : index < total / 3;
  const quantity = hasQuantity(text);
  if (quantity && (RESULT_VERB.test(text) || CONTEXT.test(text))) return !early || CONTEXT.test(text);
  if (early) return false;
  if (FINDING.test(text) && !NOT_A_FINDING.test(text) && !(MOTIVATION.test(text) && !EVIDENCE.test(text))) return true;
  if (PROBLEM_TALK.test(text) && !CONTEXT.test(text)) return false;
  if (STRONG_VERB.test(text)) return true;
  return CONTEXT.test(text) && RESULT_VERB.test(text) && index >= total / 2;
}

/** "Experiments show that X outperforms Y." → "X outperforms Y", at most ~24 words, cut at a clause boundary. */
export function condenseClaim(sentence: string): string {
  let s = sentence.replace(LEAD_IN, '').replace(/[.!?]+$/, '').trim();
  const words = s.split(/\s+/);
  if (words.length > 24) {
    const cut = s.slice(0, words.slice(0, 24).join(' ').length);
    const boundary = Math.max(cut.lastIndexOf(', '), cut.lastIndexOf('; '), cut.lastIndexOf(' while '), cut.lastIndexOf(' and '));
    s = boundary > 40 ? cut.slice(0, boundary) : cut;
    s = s.replace(/\s+(?:and|or|while|with|by|of|to|in|the|a|an)$/i, '');
  }
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function claimText(quote: string, fields: ReturnType<typeof claimFields>): string {
  if (fields.value === null) return condenseClaim(quote);
  const parts = [`${fields.metric ?? 'result'}: ${fields.value}`];
  if (fields.baseline) parts.push(`vs. ${fields.baseline}`);
  return parts.join(' ');
}

/** The claims of an abstract, in order, each quoting its sentence verbatim. */
export function extractClaims(sentences: readonly SentenceSpan[], contributionAt = -1): Claim[] {
  const claims: Claim[] = [];
  sentences.forEach((s, i) => {
    if (!isClaimSentence(s.text, i, sentences.length, contributionAt)) return;
    const fields = claimFields(s.text);
    const quantitative = fields.value !== null;
    claims.push({
      text: claimText(s.text, fields),
      quote: s.text,
      quantitative,
      metric: quantitative ? fields.metric : null,
      value: fields.value,
      baseline: fields.baseline,
    });
  });
  return claims;
}
