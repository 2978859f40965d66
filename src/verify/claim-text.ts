import { CITE_GROUP, CITE_KEY } from './citation-keys.js';
import { extractNumbers, type NumberMention } from './numbers.js';

/** Pandoc locators (`p. 3`, `pp. 33-35`, `chap. 2`, `§ 4`): where in a paper, not a claim. */
const LOCATOR = /(?:\b(?:pp?|pages?|chap|chapters?|sec|sections?|figs?|figures?|tabs?|tables?|eqs?|equations?|vols?|nos?|para|lines?)\.?|§§?)\s*\d+(?:\s*[-–]\s*\d+)?(?![\d.,]*\s*(?:[x×%]|times\b|fold\b|percent\b))/gi;

/**
 * A sentence as its claims are checked: citation keys and their locators removed (whatever else a
 * citation group says, `[@key, 97x faster]`, is prose like the rest), code-span markers removed (the
 * span's text stays), link targets and URLs removed.
 */
export function claimText(text: string): string {
  return text
    .replace(CITE_GROUP, (_whole, inner: string) => ` ${inner.replace(CITE_KEY, ' ').replace(LOCATOR, ' ')} `)
    .replace(/`+/g, ' ')
    .replace(/\]\([^)]*\)/g, ']')
    .replace(/\bhttps?:\/\/\S+/g, ' ');
}

/** The numbers a sentence claims (what the prose check and the verification report both check). */
export function claimNumbers(sentence: string): NumberMention[] {
  return extractNumbers(claimText(sentence));
}
