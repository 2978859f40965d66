import type { Paper } from '../../corpus/paper.js';
import type { Annotation } from '../../review/annotation.js';
import { unsupportedNumbers } from '../../verify/numbers.js';
import { splitSentences } from '../../verify/sentence-split.js';
import { leansOnContext } from './anaphora.js';
import { garbled } from './garbled.js';
import { bestClaim, quoteExcerpt } from './claim-quote.js';
import type { SectionPaper } from './section-paper.js';
import type { PaperLabel } from './paper-label.js';
import { citedSentence, escapeInline } from './prose.js';
import { aboutPaper, condense } from './rewrite.js';

/** Keep a citing sentence only if every number in it is in the cited abstract. */
export function supported(sentence: string, paper: Paper): boolean {
  return unsupportedNumbers(sentence.replace(/\[[^\]]*@[^\]]*\]/g, ' '), [paper.abstract]).length === 0;
}

/** Is a rewritten description worth writing ("PrefixKV presents PrefixKV" is not)? */
function informative(text: string, label: PaperLabel): boolean {
  const rest = text.startsWith(label.full) ? text.slice(label.full.length) : text;
  const words = rest.replace(/\[[^\]]*@[^\]]*\]/g, '').trim().split(/\s+/);
  if (words.length < 6) return false;
  return !(label.isName && new RegExp(`^\\S+ ${label.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`).test(rest.trim()));
}

/** The sentences that may describe a paper: its method summary, the abstract's next sentence, its first. */
function descriptionSources(paper: Paper, annotation: Annotation): string[] {
  const abstract = splitSentences(paper.abstract).map((s) => s.text);
  const summary = splitSentences(annotation.methodSummary).map((s) => s.text);
  const at = summary[0] ? abstract.indexOf(summary[0]) : -1;
  const next = at >= 0 ? abstract[at + 1 + (summary.length > 1 ? 1 : 0)] : undefined;
  return [...summary, next, abstract[0]].filter((s): s is string => !!s);
}

/**
 * What the paper does, in one cited third-person sentence, with the abstract sentence it came from
 * (or null when nothing informative and checkable is left).
 */
export function describePaper(paper: Paper, annotation: Annotation, label: PaperLabel): { text: string; source: string } | null {
  for (const source of descriptionSources(paper, annotation)) {
    const about = aboutPaper(escapeInline(condense(source)), label);
    const body = about.startsWith(label.full) ? about.slice(label.full.length) : about.replace(/^In [^,]*,\s*/, '');
    if (leansOnContext(body.trim()) || leansOnContext(about) || garbled(about)) continue;
    // "In <paper>, …" only for a sentence about what the authors do, not background on the field.
    if (about.startsWith('In ') && !/\b(?:the authors|their)\b/.test(body)) continue;
    const text = citedSentence(about, paper.key);
    if (informative(about, label) && supported(text, paper)) return { text, source };
  }
  return null;
}

/** The paper's headline claim, quoted verbatim in one cited sentence (null when it has none). */
export function quoteClaim(paper: Paper, annotation: Annotation, subject: string, plural: boolean, skip?: string, maxWords = 40): string | null {
  const claim = bestClaim(annotation.claims.filter((c) => c.quote.trim() !== skip?.trim()), paper.abstract);
  if (!claim) return null;
  const verb = claim.quantitative ? (plural ? 'report' : 'reports') : plural ? 'state' : 'states';
  // A short excerpt that keeps only an opening word or two ("Surprisingly…") says nothing: quote more.
  const short = quoteExcerpt(claim.quote, maxWords);
  const excerpt = short.split(/\s+/).length < 6 ? quoteExcerpt(claim.quote) : short;
  const sentence = citedSentence(`${subject} ${verb}: "${escapeInline(excerpt)}"`, paper.key);
  return supported(sentence, paper) ? sentence : null;
}

/** The sentences about one paper: what it does, then its headline claim (none when neither can be written). */
export function paperSentences(item: SectionPaper, maxQuoteWords = 40): string[] {
  const out: string[] = [];
  const described = describePaper(item.paper, item.annotation, item.label);
  if (described) out.push(described.text);
  const subject = described ? (item.label.plural ? 'They' : 'It') : item.label.full;
  const claim = quoteClaim(item.paper, item.annotation, subject, item.label.plural, described?.source, maxQuoteWords);
  if (claim) out.push(claim);
  return out;
}
