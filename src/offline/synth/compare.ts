import type { Paper } from '../../corpus/paper.js';
import type { ContributionType } from '../../review/annotation.js';
import { CONTRIBUTION_TYPES } from '../../review/annotation.js';
import { isVerbatim } from '../../verify/quotes.js';
import { claimFields } from '../claim-fields.js';
import type { SectionPaper } from './section-paper.js';
import { supported } from './paper-sentences.js';
import { cite, escapeInline, listJoin } from './prose.js';

const TYPE_PLURAL: Record<ContributionType, string> = {
  method: 'propose methods',
  system: 'build systems',
  'benchmark-or-dataset': 'introduce benchmarks or datasets',
  survey: 'are surveys',
  theory: 'are theoretical analyses',
  'empirical-study': 'are empirical studies',
  position: 'are position papers',
};
const TYPE_SINGULAR: Record<ContributionType, string> = {
  method: 'proposes a method',
  system: 'builds a system',
  'benchmark-or-dataset': 'introduces a benchmark or dataset',
  survey: 'is a survey',
  theory: 'is a theoretical analysis',
  'empirical-study': 'is an empirical study',
  position: 'is a position paper',
};

function byType(items: readonly SectionPaper[]): Map<ContributionType, SectionPaper[]> {
  const m = new Map<ContributionType, SectionPaper[]>();
  for (const t of CONTRIBUTION_TYPES) {
    const group = items.filter((i) => i.annotation.contributionType === t);
    if (group.length) m.set(t, group);
  }
  return m;
}

function labelled(items: readonly SectionPaper[]): string {
  return listJoin(items.map((i) => `${i.label.text} ${cite(i.paper.key)}`));
}

/** "X [@a], Y [@b] and Z [@c]", or "X [@a], Y [@b] and Z [@c], among others" past three. */
function someLabelled(items: readonly SectionPaper[]): string {
  return items.length <= 3 ? labelled(items) : `${items.slice(0, 3).map((i) => `${i.label.text} ${cite(i.paper.key)}`).join(', ')}, among others,`;
}

/** "Most papers here propose methods; X [@a] and Y [@b] are empirical studies." */
export function typeContrast(items: readonly SectionPaper[]): string | null {
  const groups = [...byType(items)].sort((a, b) => b[1].length - a[1].length);
  const main = groups[0];
  if (!main) return null;
  if (groups.length === 1) return items.length > 1 ? `All papers here ${TYPE_PLURAL[main[0]]}.` : null;
  const others = groups.slice(1).map(([type, group]) =>
    group.length === 1 ? `${labelled(group)} ${TYPE_SINGULAR[type]}` : `${someLabelled(group)} ${TYPE_PLURAL[type]}`,
  );
  const lead = `${main[1].length > items.length / 2 ? 'Most' : 'Many'} papers here ${TYPE_PLURAL[main[0]]}`;
  return `${lead}; by contrast, ${listJoin(others.slice(0, 4))}.`;
}

interface Figure {
  item: SectionPaper;
  metric: string;
  /** The words of the paper's own sentence holding the value with its metric (and baseline). */
  span: string;
}

/** Quantitative claims of the section grouped by metric, for metrics two or more papers report. */
function sharedMetrics(items: readonly SectionPaper[]): [string, Figure[]][] {
  const groups = new Map<string, Figure[]>();
  for (const item of items) {
    const seen = new Set<string>();
    for (const c of item.annotation.claims) {
      if (!c.quantitative || !isVerbatim(c.quote, item.paper.abstract)) continue;
      const { metric, span } = claimFields(c.quote);
      if (!metric || !span || !isVerbatim(span, item.paper.abstract)) continue;
      const key = metric.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      groups.set(key, [...(groups.get(key) ?? []), { item, metric, span }]);
    }
  }
  return [...groups]
    .filter(([, f]) => new Set(f.map((x) => x.item.paper.key)).size >= 2)
    .sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1))
    .slice(0, 3);
}

/**
 * "On throughput, GEAR reports "up to 2.38x throughput improvement" [@a]; …": each figure quoted with
 * the words of its own sentence that say what it measures. Sentences whose numbers check out.
 */
export function metricComparisons(items: readonly SectionPaper[]): string[] {
  const out: string[] = [];
  for (const [, figures] of sharedMetrics(items)) {
    const parts = figures.slice(0, 5).map((f) => `${f.item.label.text} reports "${escapeInline(f.span)}" ${cite(f.item.paper.key)}`);
    const sentence = `On ${escapeInline(figures[0]!.metric)}, ${parts.join('; ')}.`;
    const papers = figures.slice(0, 5).map((f) => f.item.paper);
    const ok = parts.every((p, i) => supported(p, papers[i]!));
    if (ok) out.push(sentence);
  }
  if (out.length) out.push('Baselines and settings differ between papers, so these figures are not directly comparable.');
  return out;
}

/** "LongBench is shared by X [@a] and Y [@b]." for datasets several papers of the section use. */
export function sharedDatasets(items: readonly SectionPaper[]): string | null {
  const users = new Map<string, SectionPaper[]>();
  for (const item of items) for (const d of item.annotation.datasets) users.set(d, [...(users.get(d) ?? []), item]);
  const shared = [...users]
    .filter(([, u]) => u.length >= 2)
    .sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1))
    .slice(0, 3)
    .map(([d, u]) => `${escapeInline(d)} (${labelled(u.slice(0, 6))})`);
  if (shared.length === 0) return null;
  const sentence = `Evaluation data shared across these papers includes ${listJoin(shared)}.`;
  const cited = [...users.values()].flat().map((u) => u.paper);
  return cited.length && supportedAny(sentence, cited) ? sentence : null;
}

function supportedAny(sentence: string, papers: readonly Paper[]): boolean {
  const merged: Paper = { ...papers[0]!, abstract: papers.map((p) => p.abstract).join('\n') };
  return supported(sentence, merged);
}
