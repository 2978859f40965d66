import { isVerbatim } from '../../verify/quotes.js';
import { claimFields } from '../claim-fields.js';
import { quoteExcerpt } from './claim-quote.js';
import type { SectionPaper } from './compare.js';
import { supported } from './paper-sentences.js';
import { cite, escapeInline } from './prose.js';

/** Papers that must report the same measure on the same benchmark or model for a table. */
export const TABLE_MIN_PAPERS = 3;
const MAX_ROWS = 8;

/** Measures told apart by the word that names them ("KV cache size reduction" and "cache size" are both size). */
const MEASURES = [
  'perplexity', 'accuracy', 'throughput', 'latency', 'speedup', 'speed', 'memory', 'compression', 'cache size', 'score',
  'error', 'win rate', 'success rate', 'pass@1', 'recall', 'F1', 'BLEU', 'energy', 'cost', 'degradation', 'parameters',
];

function measureOf(metric: string): string | null {
  const m = metric.toLowerCase();
  return MEASURES.find((w) => m.includes(w.toLowerCase())) ?? null;
}

interface Row {
  item: SectionPaper;
  setting: string;
  value: string;
  quote: string;
}

/** The benchmarks and models a claim's own sentence names, from the paper's annotation. */
function settingsOf(item: SectionPaper, quote: string): string[] {
  const q = quote.toLowerCase();
  return [...item.annotation.datasets, ...item.annotation.models].filter((d) => d.length >= 2 && q.includes(d.toLowerCase()));
}

/**
 * Small comparison tables: where TABLE_MIN_PAPERS or more papers of a section report the same
 * measure (accuracy, throughput, …) with a benchmark or model their own sentence names, one table of
 * paper, setting, value and the verbatim quote, each row citing its paper. Every value is read off its
 * quote, which is verbatim in the cited abstract. At most `max` tables, the most papers first.
 */
export function figureTables(items: readonly SectionPaper[], max = 2): string[] {
  const groups = new Map<string, { measure: string; setting: string; rows: Row[] }>();
  for (const item of items) {
    for (const c of item.annotation.claims) {
      if (!c.quantitative || !isVerbatim(c.quote, item.paper.abstract)) continue;
      const fields = claimFields(c.quote);
      const measure = fields.metric ? measureOf(fields.metric) : null;
      if (!measure || !fields.value) continue;
      for (const setting of settingsOf(item, c.quote)) {
        const key = `${measure}\u0000${setting.toLowerCase()}`;
        const g = groups.get(key) ?? { measure, setting, rows: [] };
        if (!g.rows.some((r) => r.item.paper.id === item.paper.id)) g.rows.push({ item, setting: fields.baseline ? `${setting}, vs. ${fields.baseline}` : setting, value: fields.value, quote: c.quote });
        groups.set(key, g);
      }
    }
  }
  const chosen = [...groups.values()]
    .filter((g) => g.rows.length >= TABLE_MIN_PAPERS)
    .sort((a, b) => b.rows.length - a.rows.length || (a.setting + a.measure < b.setting + b.measure ? -1 : 1));
  const usedPapers = new Set<string>();
  const out: string[] = [];
  for (const g of chosen) {
    // One table per paper set: a second table of the same papers says nothing new.
    const ids = g.rows.map((r) => r.item.paper.id).sort().join(',');
    if (usedPapers.has(ids) || out.length >= max) continue;
    usedPapers.add(ids);
    const rows = g.rows
      .slice(0, MAX_ROWS)
      .map((r) => `| ${cell(r.item.label.text)} ${cite(r.item.paper.key)} | ${cell(r.setting)} | ${cell(r.value)} | "${cell(quoteExcerpt(r.quote, 35))}" |`)
      .filter((row, i) => supported(row, g.rows[i]!.item.paper));
    if (rows.length < TABLE_MIN_PAPERS) continue;
    const caption = `**${capitalizeFirst(g.measure)} reported on ${escapeInline(g.setting)}.** Settings and baselines differ from paper to paper, so the values are not directly comparable; the quotes say what each measured.`;
    out.push([caption, '', '| Paper | Setting | Value | Quote |', '| --- | --- | --- | --- |', ...rows].join('\n'));
  }
  return out;
}

function cell(text: string): string {
  return escapeInline(text).replace(/\s+/g, ' ').replace(/\|/g, '\\|');
}

function capitalizeFirst(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
