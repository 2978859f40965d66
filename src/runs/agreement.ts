/**
 * Chance-corrected agreement statistics between raters (runs, repeats) over nominal labels.
 * Both return null when the statistic is undefined (no items).
 */
export { matchCategories, type CategoryMatching, type CategoryPair } from './match-categories.js';

/**
 * Cohen's kappa for two raters: `a[i]` and `b[i]` are the labels both gave item i.
 * kappa = (po - pe) / (1 - pe). When chance agreement is total (both used one and the same label
 * throughout), agreement is perfect and kappa is 1. Null for no items.
 */
export function cohensKappa(a: readonly string[], b: readonly string[]): number | null {
  if (a.length !== b.length) throw new RangeError(`cohensKappa: ${a.length} labels against ${b.length}`);
  const n = a.length;
  if (n === 0) return null;
  const countA = new Map<string, number>();
  const countB = new Map<string, number>();
  let agree = 0;
  for (let i = 0; i < n; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === y) agree++;
    countA.set(x, (countA.get(x) ?? 0) + 1);
    countB.set(y, (countB.get(y) ?? 0) + 1);
  }
  const po = agree / n;
  let pe = 0;
  for (const [label, ca] of countA) pe += (ca / n) * ((countB.get(label) ?? 0) / n);
  if (po === 1) return 1;
  if (pe >= 1) return 1;
  return (po - pe) / (1 - pe);
}

/**
 * Fleiss' kappa for several raters: `ratings[i]` holds one label per rater for item i.
 * Items rated by fewer than two raters are ignored; items with different numbers of raters use
 * their own count in the per-item agreement (for a constant count this is exactly Fleiss 1971).
 * Null when no item has two ratings.
 */
export function fleissKappa(ratings: readonly (readonly string[])[]): number | null {
  const items = ratings.filter((r) => r.length >= 2);
  if (items.length === 0) return null;
  const totals = new Map<string, number>();
  let totalRatings = 0;
  let sumPi = 0;
  for (const item of items) {
    const counts = new Map<string, number>();
    for (const label of item) counts.set(label, (counts.get(label) ?? 0) + 1);
    const n = item.length;
    let sq = 0;
    for (const [label, c] of counts) {
      sq += c * c;
      totals.set(label, (totals.get(label) ?? 0) + c);
    }
    totalRatings += n;
    sumPi += (sq - n) / (n * (n - 1));
  }
  const pBar = sumPi / items.length;
  let pe = 0;
  for (const c of totals.values()) pe += (c / totalRatings) ** 2;
  if (pBar === 1) return 1;
  if (pe >= 1) return 1;
  return (pBar - pe) / (1 - pe);
}

/** Share of items both raters labelled alike (null for no items). */
export function observedAgreement(a: readonly string[], b: readonly string[]): number | null {
  if (a.length !== b.length) throw new RangeError(`observedAgreement: ${a.length} labels against ${b.length}`);
  if (a.length === 0) return null;
  let agree = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) agree++;
  return agree / a.length;
}
