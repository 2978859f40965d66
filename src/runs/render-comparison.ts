import type { Claim } from '../review/annotation.js';
import { formatCost, formatCount, formatKappa, formatPercent, formatSigned, formatSignedCost } from '../format/numbers.js';
import { formatDuration, formatTime } from '../format/time.js';
import type { Delta, PaperChange, PaperRef, RunComparison, RunSide } from './run-comparison.js';
import { renderTable } from './text-table.js';

/** Longest list printed in the readable report; the JSON always has everything. */
const LIST_LIMIT = 50;

/** The readable (Markdown) report of `litrev compare`. */
export function renderComparison(c: RunComparison): string {
  const parts = [
    header(c),
    agreement(c),
    paperLists(c),
    claims(c),
    citations(c),
    verification(c),
    usage(c),
    sections(c),
  ];
  return parts.filter((p) => p !== '').join('\n') + '\n';
}

function header(c: RunComparison): string {
  const lines = [`# Comparison of two runs`, '', `- A: ${sideLine(c.a)}`, `- B: ${sideLine(c.b)}`];
  lines.push(c.sameCorpus ? '- same corpus' : '- corpora differ');
  for (const s of c.settings.filter((s) => s.field !== 'corpusHash')) lines.push(`- ${s.field}: ${s.a} -> ${s.b}`);
  const { used } = c.prompts;
  if (!used.a && !used.b) {
    // Two offline runs: a prompt change is no change at all, and their agreement says nothing about one.
    if (c.prompts.changed.length > 0) lines.push(`- prompts differ (${c.prompts.changed.map((p) => p.name).join(', ')}), but neither run used them: the offline engine uses no prompts`);
  } else {
    for (const p of c.prompts.changed) {
      const from = p.a ? `${p.a.version} ${p.a.hash.slice(0, 12)}` : 'not used';
      const to = p.b ? `${p.b.version} ${p.b.hash.slice(0, 12)}` : 'not used';
      lines.push(`- prompt ${p.name}: ${from} -> ${to}`);
    }
    if (c.prompts.changed.length === 0 && c.prompts.unchanged.length > 0) lines.push('- same prompts');
    if (!used.a || !used.b) lines.push(`- run ${used.a ? 'B' : 'A'} used the offline engine: its prompts were not used`);
  }
  return lines.join('\n') + '\n';
}

function sideLine(s: RunSide): string {
  const engine = s.engine === 'offline' ? 'offline engine' : (s.model ?? 'model');
  return `${s.runId} (${formatTime(s.createdAt)}, ${engine}, ${s.annotated}/${s.papers} papers annotated) ${s.dir}`;
}

function agreement(c: RunComparison): string {
  const lines = ['## Agreement', ''];
  lines.push(
    `- category kappa (Cohen): ${formatKappa(c.kappa)} over ${c.comparedPapers} papers annotated by both ` +
      `(same category: ${formatPercent(c.agreement)})`,
  );
  lines.push(`- contribution type kappa: ${formatKappa(c.contributionTypeKappa)}`);
  const renamed = c.categories.matched.filter((m) => m.renamed);
  lines.push(`- categories: A ${c.categories.a}, B ${c.categories.b}; ${c.categories.matched.length} matched by shared papers`);
  for (const m of renamed) lines.push(`  - "${m.a}" matched to "${m.b}" (${m.overlap} shared papers)`);
  if (c.categories.onlyInA.length > 0) lines.push(`  - only in A: ${quoteList(c.categories.onlyInA)}`);
  if (c.categories.onlyInB.length > 0) lines.push(`  - only in B: ${quoteList(c.categories.onlyInB)}`);
  lines.push('');
  lines.push(changeList(`Papers whose category changed`, c.changedCategories));
  if (c.changedContributionTypes.length > 0) lines.push(changeList('Papers whose contribution type changed', c.changedContributionTypes));
  return lines.join('\n');
}

function changeList(title: string, changes: readonly PaperChange[]): string {
  if (changes.length === 0) return `### ${title}: none\n`;
  const rows = changes.slice(0, LIST_LIMIT).map((p) => `- ${p.key}: ${p.from} -> ${p.to}  (${p.title})`);
  return [`### ${title} (${changes.length})`, '', ...rows, more(changes.length), ''].filter((l) => l !== null).join('\n');
}

function paperLists(c: RunComparison): string {
  const out: string[] = [];
  if (c.statusChanges.length > 0) out.push(changeList('Papers whose status changed', c.statusChanges));
  out.push(refList('Papers only in A', c.papersOnlyInA), refList('Papers only in B', c.papersOnlyInB));
  return out.filter((s) => s !== '').join('\n');
}

function refList(title: string, refs: readonly PaperRef[]): string {
  if (refs.length === 0) return '';
  const rows = refs.slice(0, LIST_LIMIT).map((p) => `- ${p.key}: ${p.title}`);
  return [`### ${title} (${refs.length})`, '', ...rows, more(refs.length), ''].filter((l) => l !== null).join('\n');
}

function claims(c: RunComparison): string {
  const lines = [`## Claims: ${c.claims.added} added, ${c.claims.removed} removed, in ${c.claims.papers.length} papers`, ''];
  for (const p of c.claims.papers.slice(0, LIST_LIMIT)) {
    lines.push(`- ${p.key} (${p.title})`);
    for (const claim of p.removed) lines.push(`  - removed: ${claimLine(claim)}`);
    for (const claim of p.added) lines.push(`  + added: ${claimLine(claim)}`);
  }
  const tail = more(c.claims.papers.length);
  if (tail) lines.push(tail);
  return lines.join('\n') + (c.claims.papers.length > 0 ? '\n' : '');
}

function claimLine(claim: Claim): string {
  return claim.quote ? `"${claim.quote}"` : claim.text;
}

function citations(c: RunComparison): string {
  const x = c.citations;
  const lines = ['## Citations', '', `- keys cited: A ${x.a}, B ${x.b}, both ${x.common}`];
  if (x.onlyInA.length > 0) lines.push(`- cited only in A: ${x.onlyInA.map((k) => `@${k}`).join(', ')}`);
  if (x.onlyInB.length > 0) lines.push(`- cited only in B: ${x.onlyInB.map((k) => `@${k}`).join(', ')}`);
  return lines.join('\n') + '\n';
}

function verification(c: RunComparison): string {
  const rows = Object.entries(c.verification).map(([name, d]) => deltaRow(name, d));
  return ['## Verification', '', indent(renderTable(DELTA_COLUMNS, rows))].join('\n');
}

function usage(c: RunComparison): string {
  const rows = [
    deltaRow('requests sent', c.calls),
    deltaRow('cache hits', c.cacheHits),
    deltaRow('prompt tokens', c.tokens.prompt),
    deltaRow('completion tokens', c.tokens.completion),
    [
      'cost (USD)',
      formatCost(c.costUSD.a),
      formatCost(c.costUSD.b),
      formatSignedCost(c.costUSD.delta),
    ],
    ['duration', formatDuration(c.durationMs.a), formatDuration(c.durationMs.b), ''],
  ];
  for (const [stage, s] of Object.entries(c.stages)) {
    rows.push(deltaRow(`${stage}: requests sent`, s.calls), deltaRow(`${stage}: cache hits`, s.cacheHits));
  }
  return ['## Requests, tokens and cost', '', indent(renderTable(DELTA_COLUMNS, rows))].join('\n');
}

const DELTA_COLUMNS = [{ header: '' }, { header: 'A', align: 'right' }, { header: 'B', align: 'right' }, { header: 'B - A', align: 'right' }] as const;

function deltaRow(name: string, d: Delta): string[] {
  return [name, formatCount(d.a), formatCount(d.b), d.delta === 0 ? '0' : formatSigned(d.delta)];
}

function sections(c: RunComparison): string {
  const s = c.sections;
  const lines = [`## Review sections: ${s.changed.length} changed, ${s.unchanged} unchanged`, ''];
  for (const d of s.changed) {
    const name = d.heading === '' ? '(text before the first section)' : d.heading;
    lines.push(`### ${name} (${d.status}, +${d.linesAdded} -${d.linesRemoved})`, '');
    const fence = '`'.repeat(Math.max(3, longestBacktickRun(d.diff) + 1));
    lines.push(`${fence}diff`, d.diff, fence, '');
  }
  return lines.join('\n');
}

function longestBacktickRun(text: string): number {
  let best = 0;
  for (const m of text.matchAll(/`+/g)) best = Math.max(best, m[0].length);
  return best;
}

function more(total: number): string | null {
  return total > LIST_LIMIT ? `- ... and ${total - LIST_LIMIT} more (see --json)` : null;
}

function quoteList(names: readonly string[]): string {
  return names.map((n) => `"${n}"`).join(', ');
}

function indent(table: string): string {
  return table
    .trimEnd()
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n') + '\n';
}
