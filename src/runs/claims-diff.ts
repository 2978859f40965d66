import type { Claim } from '../review/annotation.js';

/**
 * The form of a quote used to tell claims apart across runs: Unicode-normalised, lower case,
 * typographic quotes and dashes made plain, whitespace collapsed, outer quotes and final
 * punctuation dropped. A claim without a quote is known by its text.
 */
export function normaliseQuote(claim: Pick<Claim, 'quote' | 'text'>): string {
  const source = claim.quote.trim() !== '' ? claim.quote : claim.text;
  return source
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019\u201a\u201b]/g, "'")
    .replace(/[\u201c\u201d\u201e\u201f]/g, '"')
    .replace(/[\u2010-\u2015]/g, '-')
    .replace(/\s+/g, ' ')
    .replace(/^[\s"'`]+/, '')
    .replace(/[\s"'`.,;:!?…]+$/u, '');
}

/**
 * Claims of one paper in run B that run A did not have (added) and the reverse (removed),
 * compared by normalised quote; a quote repeated n times counts n times.
 */
export function diffClaims(a: readonly Claim[], b: readonly Claim[]): { added: Claim[]; removed: Claim[] } {
  return { added: subtract(b, a), removed: subtract(a, b) };
}

function subtract(from: readonly Claim[], other: readonly Claim[]): Claim[] {
  const left = new Map<string, number>();
  for (const c of other) {
    const k = normaliseQuote(c);
    left.set(k, (left.get(k) ?? 0) + 1);
  }
  const out: Claim[] = [];
  for (const c of from) {
    const k = normaliseQuote(c);
    const n = left.get(k) ?? 0;
    if (n > 0) left.set(k, n - 1);
    else out.push(c);
  }
  return out;
}
