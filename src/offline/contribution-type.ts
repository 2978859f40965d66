import type { ContributionType } from '../review/annotation.js';
import { CONTRIBUTION_TYPES } from '../review/annotation.js';
import { splitSentences } from '../verify/sentence-split.js';
import { contributionSentences } from './sentence-roles.js';
import { TYPE_CUES } from './type-cues.js';

/** Every paper starts as a method by this much: the commonest kind, and the answer when nothing else is said. */
const METHOD_PRIOR = 1;
/** An abstract-wide cue counts at most this many times. */
const MAX_REPEATS = 3;
/** A negated verb phrase, up to the end of its clause. */
const NEGATED = /\b(?:does|do|did|will|can)\s+not\s+[^.;,]*|\bnot\s+(?:to\s+)?(?:propose|introduce|present|build|develop)\w*[^.;,]*/gi;

export interface TypeDecision {
  type: ContributionType;
  /** The cues found, strongest first: "system: says it builds a system (+3)". */
  evidence: string[];
}

function matches(re: RegExp, text: string): number {
  if (!text) return 0;
  if (!re.global) return re.test(text) ? 1 : 0;
  return new Set((text.match(re) ?? []).map((m) => m.toLowerCase())).size;
}

/**
 * The contribution type of a paper, scored from cues in its title, in the sentences saying what it
 * does ("we propose a system…", "we prove…", "we study…") and in the whole abstract; each cue found
 * is recorded with its weight. Ties go to the type listed first in CONTRIBUTION_TYPES; with no cue
 * at all a paper is a method.
 */
export function decideContributionType(title: string, abstract: string): TypeDecision {
  // What a paper says it does not do is no cue ("This article does not propose any novel algorithm or new hardware").
  const claim = contributionSentences(splitSentences(abstract)).join(' ').replace(NEGATED, ' ');
  const texts = { title, claim, abstract };
  const scores = new Map<ContributionType, number>(CONTRIBUTION_TYPES.map((t) => [t, t === 'method' ? METHOD_PRIOR : 0]));
  const found: { type: ContributionType; text: string; weight: number }[] = [];
  for (const c of TYPE_CUES) {
    const n = Math.min(MAX_REPEATS, matches(c.re, texts[c.where]));
    if (n === 0) continue;
    const weight = c.weight * n;
    scores.set(c.type, scores.get(c.type)! + weight);
    found.push({ type: c.type, text: `${c.type}: ${c.name}${n > 1 ? ` ×${n}` : ''} (+${+weight.toFixed(2)})`, weight });
  }
  let type: ContributionType = 'method';
  for (const t of CONTRIBUTION_TYPES) if (scores.get(t)! > scores.get(type)! + 1e-9) type = t;
  const evidence = found.sort((a, b) => b.weight - a.weight || (a.text < b.text ? -1 : 1)).map((f) => f.text);
  if (evidence.length === 0) evidence.push('method: no cue found, the default');
  return { type, evidence };
}

/** The contribution type alone (see decideContributionType). */
export function contributionType(title: string, abstract: string): ContributionType {
  return decideContributionType(title, abstract).type;
}
