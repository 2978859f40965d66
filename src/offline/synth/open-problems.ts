import type { Paper } from '../../corpus/paper.js';
import { splitSentences } from '../../verify/sentence-split.js';
import { hasQuantity } from '../claim-fields.js';
import { leansOnContext } from './anaphora.js';
import { quoteExcerpt } from './claim-quote.js';
import type { PaperLabel } from './paper-label.js';
import { supported } from './paper-sentences.js';
import { citedSentence, escapeInline } from './prose.js';

/** Cue phrases of open problems and limitations, with weights. */
const CUES: [RegExp, number][] = [
  [/\b(?:open (?:problem|question|challenge)s?|future (?:work|research|direction|study|studies)s?|remains? (?:an? )?(?:open|unclear|unknown|unsolved|challenging|elusive|underexplored|limited)|has yet to|have yet to|not yet|still (?:lack|struggle|fail|limited|unclear)\w*)\b/i, 3],
  [/\b(?:limitation|limitations|limited|challenge|challenges|challenging|bottleneck|drawback|shortcoming|gap|gaps)\b/i, 1.5],
  [/\b(?:however|although|despite|unfortunately|nevertheless)\b/i, 0.5],
  [/\b(?:little is known|poorly understood|rarely|overlooked|ignored|under-explored|underexplored)\b/i, 2],
];
/**
 * Praise of the paper's own work that merely mentions the future ("These findings provide a
 * foundation for future research", "we believe this enables future work"): not a problem.
 */
const NOT_A_PROBLEM =
  /\b(?:provides?|offers?|lays?|serves? as|enables?|facilitates?|paves?|opens?|inspires?|supports?|benefits?|we believe|we hope|valuable|useful|foundation|insights?)\b[^.]{0,80}\b(?:future (?:research|work|studies|directions?)|further research)\b|\bopens? (?:up )?(?:a )?new (?:avenues?|directions?|possibilities)\b/i;
/** A limitation or a direction in so many words. */
const STATES_PROBLEM =
  /\b(?:remains?|remained|still|yet to|not yet|lack\w*|limited|limitations?|fails?|failing|unclear|unknown|unsolved|unresolved|open (?:problem|question|challenge)s?|challenging|difficult|poorly understood|little is known|future (?:work|research|direction)s? (?:should|could|may|might|will need|is needed)|(?:interesting|important|promising) (?:future |open )?(?:direction|question|problem)|leave\w* [^.]{0,60} (?:to|for) future|bottleneck|drawback|shortcoming|cannot|can not|unable)\b/i;
/** A result, not a problem: what the paper does or finds, an open question it answers, a measured figure. */
const RESULT =
  /\b(?:we (?:propose|introduce|present|show|demonstrate|give|provide|obtain|resolve|settle|answer|prove|find|develop)|outperform\w*|achiev\w*|experiments?|results? (?:show|demonstrate)|answer(?:s|ing|ed)? (?:an|the|this|a long-standing) open|(?:resolv|settl)\w* (?:an|the|this) open|our (?:\w+ ){0,2}(?:evaluations?|analys[ie]s|experiments?|results?|findings?|study|studies) (?:show|reveal|find|suggest|indicate|demonstrate)\w*)\b/i;

export interface ProblemCandidate {
  paper: Paper;
  label: PaperLabel;
  sentence: string;
  score: number;
}

/** The sentence of an abstract that best states an open problem or limitation (null if none does). */
export function openProblemOf(paper: Paper, label: PaperLabel): ProblemCandidate | null {
  const sentences = splitSentences(paper.abstract);
  let best: ProblemCandidate | null = null;
  sentences.forEach((s, i) => {
    if (RESULT.test(s.text) || hasQuantity(s.text) || NOT_A_PROBLEM.test(s.text) || !STATES_PROBLEM.test(s.text) || leansOnContext(s.text)) return;
    let score = CUES.reduce((sum, [re, w]) => sum + (re.test(s.text) ? w : 0), 0);
    if (score < 3) return;
    if (i >= sentences.length - 2) score += 0.5;
    if (!best || score > best.score) best = { paper, label, sentence: s.text, score };
  });
  return best;
}

/** "X notes: "…" [@key]." for the best candidates of one category, strongest first. */
export function problemSentences(candidates: readonly ProblemCandidate[], max: number): string[] {
  return [...candidates]
    .sort((a, b) => b.score - a.score || (a.paper.key < b.paper.key ? -1 : 1))
    .map((c) => ({
      paper: c.paper,
      text: citedSentence(`${c.label.text} ${c.label.plural ? 'note' : 'notes'}: "${escapeInline(quoteExcerpt(c.sentence, 45))}"`, c.paper.key),
    }))
    .filter((c) => supported(c.text, c.paper))
    .slice(0, max)
    .map((c) => c.text);
}
