import { seededRandom } from '../text/seeded-random.js';

/** A 95% percentile bootstrap interval; null when the statistic is undefined on too many resamples. */
export type Interval = [number, number] | null;

/** Resamples per interval: enough for stable 2.5/97.5 percentiles at the sizes of hand-labelled samples. */
export const BOOTSTRAP_RESAMPLES = 1000;

/**
 * 95% percentile bootstrap intervals of several statistics of the same items: each resample draws
 * n items with replacement (seeded) and evaluates every statistic on it. A statistic undefined
 * (null) on a resample is left out of that statistic's distribution; fewer than half defined gives null.
 */
export function bootstrapIntervals<T>(
  items: readonly T[],
  statistics: Record<string, (sample: readonly T[]) => number | null>,
  seed: number,
  resamples = BOOTSTRAP_RESAMPLES,
): Record<string, Interval> {
  const names = Object.keys(statistics);
  const values = new Map(names.map((k) => [k, [] as number[]]));
  const out: Record<string, Interval> = Object.fromEntries(names.map((k) => [k, null]));
  if (items.length === 0) return out;
  const random = seededRandom(seed);
  const sample = new Array<T>(items.length);
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < items.length; i++) sample[i] = items[Math.floor(random() * items.length)]!;
    for (const k of names) {
      const v = statistics[k]!(sample);
      if (v !== null && Number.isFinite(v)) values.get(k)!.push(v);
    }
  }
  for (const k of names) {
    const v = values.get(k)!.sort((a, b) => a - b);
    if (v.length < resamples / 2) continue;
    out[k] = [percentile(v, 0.025), percentile(v, 0.975)];
  }
  return out;
}

/** Linear-interpolated percentile of sorted values. */
export function percentile(sorted: readonly number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}
