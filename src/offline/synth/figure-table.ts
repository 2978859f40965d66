import { splitSentences } from '../../verify/sentence-split.js';
import { claimFields, hasQuantity } from '../claim-fields.js';
import { quoteExcerpt } from './claim-quote.js';
import type { SectionPaper } from './section-paper.js';
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

interface Group {
  measure: string | null;
  setting: string;
  rows: (Row & { metric: string })[];
}

/** Every figure of the papers' abstracts that names a benchmark or model of the paper, by (measure, setting) and by setting. */
function collect(items: readonly SectionPaper[]): { byMeasure: Map<string, Group>; bySetting: Map<string, Group> } {
  const byMeasure = new Map<string, Group>();
  const bySetting = new Map<string, Group>();
  const add = (map: Map<string, Group>, key: string, measure: string | null, setting: string, row: Row & { metric: string }): void => {
    const g = map.get(key) ?? { measure, setting, rows: [] };
    if (!g.rows.some((r) => r.item.paper.id === row.item.paper.id)) g.rows.push(row);
    map.set(key, g);
  };
  for (const item of items) {
    for (const { text } of splitSentences(item.paper.abstract)) {
      if (!hasQuantity(text)) continue;
      const fields = claimFields(text);
      if (!fields.metric || !fields.value) continue;
      const measure = measureOf(fields.metric);
      for (const setting of settingsOf(item, text)) {
        const row = { item, setting: fields.baseline ? `${setting}, vs. ${fields.baseline}` : setting, value: fields.value, quote: text, metric: fields.metric };
        if (measure) add(byMeasure, `${measure}\u0000${setting.toLowerCase()}`, measure, setting, row);
        add(bySetting, setting.toLowerCase(), null, setting, row);
      }
    }
  }
  return { byMeasure, bySetting };
}

/**
 * Small comparison tables: where TABLE_MIN_PAPERS or more papers of a section report the same
 * measure (accuracy, throughput, …) on a benchmark or model their own sentence names, one table of
 * paper, setting, value and the verbatim sentence, each row citing its paper; failing that, where as
 * many report figures on the same benchmark or model, one table that also names each figure's
 * metric. Every value is read off its sentence, verbatim in the cited abstract. At most `max` tables.
 */
export function figureTables(items: readonly SectionPaper[], max = 1): string[] {
  const { byMeasure, bySetting } = collect(items);
  const enough = (m: Map<string, Group>): Group[] =>
    [...m.values()].filter((g) => g.rows.length >= TABLE_MIN_PAPERS).sort((a, b) => b.rows.length - a.rows.length || (a.setting < b.setting ? -1 : 1));
  const chosen = [...enough(byMeasure), ...enough(bySetting)];
  const out: string[] = [];
  const usedSettings = new Set<string>();
  for (const g of chosen) {
    if (out.length >= max || usedSettings.has(g.setting.toLowerCase())) continue;
    const sameMeasure = g.measure !== null;
    const rows = g.rows
      .slice(0, MAX_ROWS)
      .filter((r) => supported(`${r.setting} ${r.value} ${r.metric}`, r.item.paper))
      .map((r) => `| ${r.item.label.text.replace(/\|/g, '\\|')} ${cite(r.item.paper.key)} | ${cell(sameMeasure ? r.setting : `${r.metric}; ${r.setting}`)} | ${cell(r.value)} | "${cell(quoteExcerpt(r.quote, 35))}" |`);
    if (rows.length < TABLE_MIN_PAPERS) continue;
    usedSettings.add(g.setting.toLowerCase());
    const what = sameMeasure ? `${capitalizeFirst(g.measure!)} reported on ${escapeInline(g.setting)}` : `Figures reported on ${escapeInline(g.setting)}`;
    const caption = `**${what}.** Settings and baselines differ from paper to paper, so the values are not directly comparable; the quotes say what each measured.`;
    out.push([caption, '', `| Paper | ${sameMeasure ? 'Setting' : 'Metric; setting'} | Value | Quote |`, '| --- | --- | --- | --- |', ...rows].join('\n'));
  }
  return out;
}

function cell(text: string): string {
  return escapeInline(text).replace(/\s+/g, ' ').replace(/\|/g, '\\|');
}

function capitalizeFirst(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
