import type { Claim } from '../../review/annotation.js';
import { isVerbatim } from '../../verify/quotes.js';
import { hasQuantity } from '../claim-fields.js';
import { leansOnContext } from './anaphora.js';
import { garbled } from './garbled.js';

/**
 * The claim worth quoting for a paper: the first verbatim quantitative one, else the first verbatim
 * one; claims that stand on their own (no "this"/"it" pointing back) before those that do not.
 */
export function bestClaim(claims: readonly Claim[], abstract: string): Claim | null {
  const verbatim = claims.filter((c) => isVerbatim(c.quote, abstract));
  const standalone = verbatim.filter((c) => !leansOnContext(c.quote) && !garbled(c.quote));
  const pick = (list: readonly Claim[]): Claim | undefined => list.find((c) => c.quantitative && c.value !== null) ?? list[0];
  return pick(standalone) ?? pick(verbatim) ?? null;
}

/**
 * A verbatim excerpt of a quote of at most about `maxWords` words: the whole quote when short,
 * else the clauses around its first quantity, marked with "…" where cut.
 */
export function quoteExcerpt(quote: string, maxWords = 40): string {
  const q = quote.trim().replace(/\s+/g, ' ');
  const words = (s: string): number => s.split(' ').length;
  if (words(q) <= maxWords) return q.replace(/[.;,:]+$/, '');
  const clauses = q.split(/(?<=[,;:])\s+/);
  let start = clauses.findIndex((c) => hasQuantity(c));
  if (start < 0) start = 0;
  let end = start + 1;
  while (end < clauses.length && words(clauses.slice(start, end + 1).join(' ')) <= maxWords) end++;
  while (start > 0 && words(clauses.slice(start - 1, end).join(' ')) <= maxWords) start--;
  let text = clauses.slice(start, end).join(' ');
  if (words(text) > maxWords) text = text.split(' ').slice(0, maxWords).join(' ');
  text = text.replace(/[.;,:]+$/, '');
  return `${start > 0 ? '…' : ''}${text}${end < clauses.length || words(clauses.slice(start, end).join(' ')) > maxWords ? '…' : ''}`;
}
