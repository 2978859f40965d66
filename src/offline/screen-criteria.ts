import { mapSteps, runSteps, type Steps } from '../review/cooperative-loop.js';
import type { Paper } from '../corpus/paper.js';
import { decideScreening, type CriteriaScreening, type CriteriaSet, type Criterion, type CriterionAnswer } from '../review/criteria.js';
import { splitSentences } from '../verify/sentence-split.js';
import { indexTerms, isContentWord, stem, wordTokens } from './text/tokens.js';

/** A criterion's sentence is met when the paper holds at least this share of its content words. */
const MET_SHARE = 0.5;

/** The terms of a criterion in their matching form (stems joined by spaces), with the form shown in reasons. */
export interface CriterionRule {
  criterion: Criterion;
  /** 'any': the file listed terms, one is enough; 'share': the sentence's content words, half are enough. */
  mode: 'any' | 'share';
  terms: { shown: string; match: string }[];
}

/** The rule the offline engine applies to one criterion (stated in every reason it gives). */
export function criterionRule(c: Criterion): CriterionRule {
  if (c.terms.length > 0) {
    return { criterion: c, mode: 'any', terms: c.terms.map((t) => ({ shown: t, match: matchForm(t) })) };
  }
  const words = [...new Set(wordTokens(c.text).map((t) => t.lower).filter((w) => isContentWord(w) && !/^\d/.test(w)))];
  return { criterion: c, mode: 'share', terms: words.map((w) => ({ shown: w, match: stem(w) })) };
}

function matchForm(phrase: string): string {
  return wordTokens(phrase).map((t) => stem(t.lower)).join(' ');
}

/** Does the paper's text hold a term? Up to three words through the index terms, longer phrases as text. */
function holds(term: string, index: ReadonlySet<string>, stemmedText: string): boolean {
  return term.split(' ').length <= 3 ? index.has(term) || stemmedText.includes(` ${term} `) : stemmedText.includes(` ${term} `);
}

/** The terms of a rule found in a text. */
function foundIn(rule: CriterionRule, text: string): CriterionRule['terms'] {
  const index = new Set(indexTerms(text));
  const stemmedText = ` ${wordTokens(text).map((t) => stem(t.lower)).join(' ')} `;
  return rule.terms.filter((t) => holds(t.match, index, stemmedText));
}

/** Does a rule hold on these found terms (any one of listed terms; half of the sentence's words)? */
function holdsOn(rule: CriterionRule, found: readonly unknown[]): boolean {
  return rule.terms.length > 0 && (rule.mode === 'any' ? found.length > 0 : found.length / rule.terms.length >= MET_SHARE);
}

/**
 * The answer of one rule for one paper, recall first: words are evidence only where they are found.
 * An inclusion criterion is met when its rule holds on the title and abstract, and otherwise unclear
 * ("not judged offline": a missing word says nothing). An exclusion criterion is met only when its rule
 * holds on the title (words in an abstract are too often about other studies, as in "per-protocol"),
 * unclear when it holds on the abstract alone, and not met otherwise. The reason states the rule and
 * the terms found or missing.
 */
export function applyRule(rule: CriterionRule, paper: Paper): CriterionAnswer {
  const title = paper.titleDerived ? '' : paper.title;
  const found = foundIn(rule, `${title}\n${paper.abstract}`);
  const missing = rule.terms.filter((t) => !found.includes(t));
  const list = (ts: readonly { shown: string }[]) => ts.map((t) => `"${t.shown}"`).join(', ');
  const ruleText = rule.mode === 'any' ? `rule: any of ${list(rule.terms)}` : `rule: at least half of ${list(rule.terms)}`;
  const titleOnly = paper.abstract.trim() === '';
  const exclusion = rule.criterion.kind === 'exclusion';
  let answer: CriterionAnswer['answer'];
  let note = '';
  if (rule.terms.length === 0) answer = 'unclear';
  else if (!exclusion) {
    answer = holdsOn(rule, found) ? 'met' : 'unclear';
    if (answer === 'unclear') note = '; not judged offline: kept';
  } else if (holdsOn(rule, foundIn(rule, title))) answer = 'met';
  else if (holdsOn(rule, found)) {
    answer = 'unclear';
    note = '; in the abstract only, not the title: not judged offline, kept';
  } else answer = 'not-met';
  const reason =
    rule.terms.length === 0
      ? 'not judged offline: the criterion has no terms to look for'
      : `${found.length ? `found ${list(found)}` : 'found none'}${missing.length && found.length ? `; not ${list(missing)}` : ''} (${ruleText})${titleOnly ? '; title only, no abstract' : ''}${note}`;
  return { criterion: rule.criterion.id, answer, reason, quote: quoteFor(found.map((t) => t.match), paper) };
}

/**
 * Conflicting evidence is left to a person: when the words meet every inclusion criterion and also an
 * exclusion criterion (a review that is about the topic, a protocol of a relevant trial), the
 * exclusion is answered unclear and the paper kept, not judged offline.
 */
export function weighEvidence(answers: CriterionAnswer[], criteria: readonly Criterion[]): CriterionAnswer[] {
  const inclusion = criteria.map((c, i) => [c, answers[i]] as const).filter(([c]) => c.kind === 'inclusion');
  if (inclusion.length === 0 || !inclusion.every(([, a]) => a?.answer === 'met')) return answers;
  return answers.map((a, i) =>
    criteria[i]?.kind === 'exclusion' && a.answer === 'met'
      ? { ...a, answer: 'unclear', reason: `${a.reason}; but every inclusion criterion is met too: conflicting words, not judged offline, kept` }
      : a,
  );
}

/** True when an offline screening rests on evidence: an exclusion criterion met, or every inclusion criterion met and no exclusion left unclear. */
export function judgedOffline(s: CriteriaScreening, criteria: readonly Criterion[]): boolean {
  if (s.decision === 'exclude') return true;
  return criteria.every((c, i) => (c.kind === 'inclusion' ? s.answers[i]?.answer === 'met' : s.answers[i]?.answer !== 'unclear'));
}

/** The first sentence of the title or abstract holding a found term, verbatim. */
function quoteFor(terms: readonly string[], paper: Paper): string | null {
  if (terms.length === 0) return null;
  const candidates = [...(paper.titleDerived ? [] : [paper.title]), ...splitSentences(paper.abstract).map((s) => s.text)];
  for (const sentence of candidates) {
    const index = new Set(indexTerms(sentence));
    const stemmed = ` ${wordTokens(sentence).map((t) => stem(t.lower)).join(' ')} `;
    if (terms.some((t) => holds(t, index, stemmed))) return sentence;
  }
  return null;
}

/**
 * Screen every paper against every criterion with transparent lexical rules (listed terms, any one
 * suffices; or the sentence's content words, half suffice), recall first as applyRule and
 * weighEvidence say: only an exclusion criterion met by the title's words, on a paper whose words do
 * not also meet every inclusion criterion, sets a paper aside. The decision is the shared one
 * (decideScreening).
 */
export function screenCriteriaOffline(papers: readonly Paper[], set: CriteriaSet): Map<string, CriteriaScreening> {
  return runSteps(screenCriteriaOfflineSteps(papers, set));
}

/** The same, as steps (one per paper), for a large corpus to be screened cooperatively. */
export function* screenCriteriaOfflineSteps(papers: readonly Paper[], set: CriteriaSet): Steps<Map<string, CriteriaScreening>> {
  const rules = set.criteria.map(criterionRule);
  const decisions = yield* mapSteps(papers, (p) => decideScreening(set.criteria, weighEvidence(rules.map((r) => applyRule(r, p)), set.criteria)));
  return new Map(papers.map((p, i) => [p.id, decisions[i]!]));
}
