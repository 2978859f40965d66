import type { ContributionType } from '../review/annotation.js';
import { CONTRIBUTION_TYPES } from '../review/annotation.js';

/** A cue phrase and how much it counts, in the title and in the abstract. */
interface Cue {
  re: RegExp;
  title: number;
  abstract: number;
}

const cue = (re: RegExp, title: number, abstract: number): Cue => ({ re, title, abstract });

const INTRO = String.raw`(?:we|this (?:paper|work))\s+(?:propose|proposes|introduce|introduces|present|presents|release|releases|construct|constructs|build|builds|curate|curates|develop|develops)`;

/** Cue phrases per contribution type (case-insensitive). */
const CUES: Record<ContributionType, Cue[]> = {
  method: [
    cue(/\bwe (?:propose|introduce|present|develop|design|devise)\b/i, 0, 1),
    cue(/\b(?:novel|new) (?:method|approach|algorithm|technique|framework|architecture|model|strategy)\b/i, 0, 1),
    cue(/\b(?:outperforms?|surpass(?:es)?)\b/i, 0, 0.5),
  ],
  system: [
    cue(/\b(?:system|serving|engine|runtime|compiler|accelerator|hardware|fpga|asic|kernels?|scheduler|cluster|deployment|throughput|library|toolkit)\b/i, 1.5, 0.4),
    cue(/\bwe (?:build|implement|develop|design|present) (?:a |an )?(?:\w+[ -]){0,3}(?:system|engine|library|toolkit|runtime|compiler|accelerator)\b/i, 0, 2),
    cue(/\b(?:end-to-end|open-source) (?:system|implementation|library|framework)\b/i, 0, 1),
  ],
  'benchmark-or-dataset': [
    cue(/\b(?:benchmark(?:ing)?|dataset|corpus|leaderboard|test ?bed|\w+bench)\b/i, 2.5, 0),
    cue(new RegExp(String.raw`\b${INTRO} (?:a |an |the )?(?:[\w-]+ ){0,4}(?:benchmark|dataset|corpus|suite|testbed|leaderboard)s?\b`, 'i'), 0, 3),
    cue(/\b(?:benchmark|dataset|corpus) (?:that|which|consisting|comprising|containing|of|with)\b/i, 0, 1),
  ],
  survey: [
    cue(/\b(?:survey|review|overview|tutorial|primer|systematization)\b/i, 4, 0),
    cue(/\b(?:this|our) (?:survey|review)\b|\bwe (?:survey|review|summari[sz]e|categori[sz]e)\b/i, 0, 3),
    cue(/\b(?:comprehensive|systematic) (?:overview|review|survey|literature)\b/i, 0, 2),
    cue(/\btaxonomy\b/i, 1, 0.5),
  ],
  theory: [
    cue(/\b(?:theorem|lower bounds?|upper bounds?|provabl[ey]|np-hard|np-complete|pspace|polynomial[- ]time|sample complexity|convergence rates?|regret bounds?|hardness|inapproximab\w*|complexity class\w*|computational complexity)\b/i, 2, 1),
    cue(/\bwe (?:prove|derive|establish|characteri[sz]e)\b/i, 0, 1.5),
    cue(/\b(?:theoretical(?:ly)?|formal(?:ly)?|asymptotic\w*|complexity)\b/i, 1, 0.5),
  ],
  'empirical-study': [
    cue(/\bempirical(?:ly)? (?:study|analysis|investigation|evaluation)\b|\b(?:systematic|comprehensive|large-scale|extensive) (?:study|analysis|evaluation|investigation)\b/i, 2, 2),
    cue(/\bwe (?:study|investigate|analy[sz]e|examine|explore|measure|revisit|benchmark|evaluate)\b/i, 0, 1),
    cue(/\bwe (?:find|observe) that\b|\bour (?:findings|analysis|results) (?:reveal|show|suggest|indicate)\b/i, 0, 1),
    cue(/^(?:understanding|on the|what|why|how|when|do|does|can|is|are|revisiting|evaluating|analy[sz]ing)\b|\?/i, 1.5, 0),
  ],
  position: [
    cue(/\b(?:position paper|this position|we argue|we advocate|we call (?:for|on)|our position|we contend|this essay|perspective)\b/i, 3, 2.5),
  ],
};

function score(type: ContributionType, title: string, abstract: string): number {
  let total = type === 'method' ? 0.5 : 0;
  for (const c of CUES[type]) {
    if (c.title > 0 && c.re.test(title)) total += c.title;
    if (c.abstract > 0) total += c.abstract * Math.min(2, (abstract.match(new RegExp(c.re.source, 'gi')) ?? []).length);
  }
  return total;
}

/**
 * The contribution type of a paper from cue phrases in its title and abstract. Ties go to the
 * type listed first in CONTRIBUTION_TYPES; with no cue at all, a paper is a method.
 */
export function contributionType(title: string, abstract: string): ContributionType {
  let best: ContributionType = 'method';
  let bestScore = -1;
  for (const type of CONTRIBUTION_TYPES) {
    const s = score(type, title, abstract);
    if (s > bestScore) {
      best = type;
      bestScore = s;
    }
  }
  return best;
}
