import { matchText, namesPhrase } from './match-text.js';
import type { ClaimRow } from './paper-row.js';

/**
 * Quantities researchers ask about by a general word ("speedup", "memory"), and how a figure is recognised
 * as one of them: by its metric or its sentence, and by its unit (a speedup is a factor).
 */
const CLASSES: { name: string; asked: RegExp; figure: RegExp; units: ('x' | '%' | 'points' | '')[] }[] = [
  { name: 'speedup', asked: /speed|faster|acceleration|throughput|latency/i, figure: /speed|faster|slow|throughput|acceler|latency|wall-?clock|decoding|inference time|runtime/i, units: ['x'] },
  { name: 'memory', asked: /memory|cache size|footprint|compression/i, figure: /memory|cache|footprint|storage|compress/i, units: ['%', 'x'] },
  { name: 'accuracy', asked: /accuracy|score|performance/i, figure: /accura|score|F1|exact match|pass@/i, units: ['%', 'points'] },
];

/** A factor of memory efficiency is a reduction said the other way round ("8.2x enhancement in memory efficiency"). */
const MEMORY_EFFICIENCY = /\bmemory[- ]efficien/i;

/** A factor that says how much slower something is: a slowdown, never a speedup. */
const SLOWDOWN = /\d\s*(?:x|×|times|-?fold)\s+slower\b/i;

/** The label a figure of this metric has in a row's fields ("speedup"). */
export function metricLabel(metric: string): string {
  return CLASSES.find((c) => c.asked.test(metric))?.name ?? metric.toLowerCase();
}

/**
 * A comparable size of a figure for its metric: a memory reduction by a factor n counts as the share it
 * saves (4x less memory = 75%), so reductions given either way sort together.
 */
export function figureScore(claim: ClaimRow, metric: string): number {
  const v = claim.value;
  if (!v) return 0;
  if (metricLabel(metric) === 'memory' && v.unit === 'x' && v.number > 1) return (1 - 1 / v.number) * 100;
  return v.number;
}

/** Every figure of the claims that reports this metric. */
export function figuresFor(claims: readonly ClaimRow[], metric: string): ClaimRow[] {
  const cls = CLASSES.find((c) => c.asked.test(metric));
  const asked = matchText(metric);
  return claims.filter((c) => {
    if (!c.value) return false;
    if (cls) return cls.units.includes(c.value.unit) && cls.figure.test(c.metric ?? c.context) && (cls.name !== 'memory' || c.value.direction === 'down' || (c.value.unit === 'x' && MEMORY_EFFICIENCY.test(c.context))) && !(cls.name === 'speedup' && SLOWDOWN.test(c.context));
    return namesPhrase(matchText(`${c.metric ?? ''} ${c.context}`), asked);
  });
}

/** The paper's largest (or smallest) figure for this metric, or undefined when it reports none. */
export function figureFor(claims: readonly ClaimRow[], metric: string, order: 'largest' | 'smallest'): ClaimRow | undefined {
  const figures = figuresFor(claims, metric);
  if (figures.length === 0) return undefined;
  return figures.reduce((best, c) => {
    const d = figureScore(c, metric) - figureScore(best, metric);
    return (order === 'largest' ? d > 0 : d < 0) ? c : best;
  });
}
