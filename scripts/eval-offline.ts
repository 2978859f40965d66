/**
 * Measures the offline engine against two hand-labelled sets of 80 papers of examples/corpus each
 * (test/fixtures/dev-set/: examples-corpus.jsonl, seed 14; second-set.jsonl, seed 2026, none of the
 * first set's papers), and the review it writes of the whole corpus:
 *
 *   npm run eval:offline            # the figures
 *   npm run eval:offline -- --errors # also every mislabelled paper with the scorer's reasons
 *
 * Prints contribution-type accuracy next to the always-"method" baseline measured in the same run,
 * the normalised mutual information between the offline categories and the hand-labelled areas, and
 * claim coverage (papers with at least one claim whose quote is verbatim in the abstract) on the
 * development set and on the whole corpus; then, of review.md: the share of papers found only in
 * catch-all lists, filler lines, claims-table rows without a metric, comparison tables, and whether
 * the mindmap's groups are the sections' groups with the same names and counts.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ingestPaths } from '../src/corpus/ingest.js';
import type { Paper } from '../src/corpus/paper.js';
import { classifyOffline } from '../src/offline/classify.js';
import { induceTaxonomyOffline } from '../src/offline/taxonomy.js';
import type { Annotation } from '../src/review/annotation.js';
import { isVerbatim } from '../src/verify/quotes.js';
import { synthesizeOffline } from '../src/offline/synthesize.js';
import { renderReviewMarkdown } from '../src/report/review-markdown.js';
import { measureReview } from './review-measures.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The sets' seeded samples were drawn over the citation keys of commit 2d5e009 (see the fixture README); rows match by paper id. */
const SETS = [
  { name: 'development set', file: path.join(ROOT, 'test/fixtures/dev-set/examples-corpus.jsonl'), seed: 14 },
  { name: 'second set', file: path.join(ROOT, 'test/fixtures/dev-set/second-set.jsonl'), seed: 2026 },
];

interface Label {
  /** The paper's id (stable: derived from its content); `key` is the citation key it had when the set was drawn. */
  id: string;
  key: string;
  title: string;
  type: string;
  area: string;
}

/** Normalised mutual information (arithmetic mean of the entropies) of two labelings of the same items. */
export function nmi(a: readonly string[], b: readonly string[]): number {
  const n = a.length;
  const count = (xs: readonly string[]): Map<string, number> => xs.reduce((m, x) => m.set(x, (m.get(x) ?? 0) + 1), new Map<string, number>());
  const entropy = (m: Map<string, number>): number => [...m.values()].reduce((h, c) => h - (c / n) * Math.log(c / n), 0);
  const ca = count(a);
  const cb = count(b);
  const joint = count(a.map((x, i) => `${x}\u0000${b[i]}`));
  let mi = 0;
  for (const [k, c] of joint) {
    const [x, y] = k.split('\u0000') as [string, string];
    mi += (c / n) * Math.log((c * n) / (ca.get(x)! * cb.get(y)!));
  }
  const h = (entropy(ca) + entropy(cb)) / 2;
  return h === 0 ? 1 : mi / h;
}

function hasQuotedClaim(a: Annotation, paper: Paper): boolean {
  return a.claims.some((c) => isVerbatim(c.quote, paper.abstract));
}

const pct = (x: number, n: number): string => `${x}/${n} (${((100 * x) / n).toFixed(1)}%)`;

function readLabels(file: string): Label[] {
  return readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Label);
}

async function main(): Promise<void> {
  const showErrors = process.argv.includes('--errors');
  const corpus = process.argv.includes('--corpus') ? process.argv[process.argv.indexOf('--corpus') + 1]! : path.join(ROOT, 'examples/corpus');
  const { papers } = await ingestPaths([corpus]);
  const annotations = classifyOffline(papers);
  const taxonomy = induceTaxonomyOffline(papers, annotations);
  const categoryOf = new Map(taxonomy.categories.flatMap((c) => c.paperIds.map((id) => [id, c.name] as const)));
  const byId = new Map(papers.map((p, i) => [p.id, { paper: p, annotation: annotations[i]! }]));

  for (const set of corpus.endsWith('examples/corpus') ? SETS : []) {
    const labels = readLabels(set.file);
    const rows = labels.flatMap((l) => {
      const found = byId.get(l.id);
      return found ? [{ label: l, ...found }] : [];
    });
    if (rows.length < labels.length) console.log(`note: ${labels.length - rows.length} labelled papers of the ${set.name} not found in the corpus`);
    const n = rows.length;
    const correct = rows.filter((r) => r.annotation.contributionType === r.label.type).length;
    const baseline = rows.filter((r) => r.label.type === 'method').length;
    const categories = rows.map((r) => categoryOf.get(r.paper.id) ?? '(none)');
    const claims = rows.filter((r) => hasQuotedClaim(r.annotation, r.paper)).length;
    console.log(`offline engine on the ${set.name} (${n} hand-labelled papers of examples/corpus, seed ${set.seed})`);
    console.log(`  contribution type accuracy   ${(correct / n).toFixed(3)}  (${correct}/${n}; always "method": ${(baseline / n).toFixed(3)})`);
    console.log(`  category NMI vs areas        ${nmi(categories, rows.map((r) => r.label.area)).toFixed(3)}  (${taxonomy.categories.length} categories)`);
    console.log(`  claim coverage               ${pct(claims, n)}`);
    if (showErrors) {
      for (const r of rows.filter((x) => x.annotation.contributionType !== x.label.type)) {
        const reasons = r.annotation.typeEvidence?.join('; ') ?? '';
        console.log(`  ${r.label.key}: labelled ${r.label.type}, got ${r.annotation.contributionType}${reasons ? ` (${reasons})` : ''}`);
      }
      for (const r of rows) console.log(`  area ${r.label.area.padEnd(42)} category ${categoryOf.get(r.paper.id)}  (${r.label.key})`);
    }
  }
  const allClaims = papers.filter((p, i) => hasQuotedClaim(annotations[i]!, p)).length;
  const draft = synthesizeOffline({ papers, annotations, taxonomy });
  const m = measureReview(renderReviewMarkdown(draft, { papers, annotations, taxonomy }));
  console.log(`review.md of the whole corpus (${papers.length} papers)`);
  console.log(`  claim coverage               ${pct(allClaims, papers.length)}`);
  console.log(`  papers only in catch-all lists ${pct(m.catchAll, m.papers)}; "also belongs here" lines: ${m.filler}`);
  console.log(`  claims-table rows without a metric ${pct(m.claimRowsWithoutMetric, m.claimRows)}; comparison tables: ${m.comparisonTables}`);
  console.log(`  mindmap groups not matching a section by name and count: ${m.mismatches.length}; repeated subsection names: ${m.duplicateSubsections.length}`);
  if (showErrors) {
    for (const x of m.mismatches) console.log(`  mismatch: ${x}`);
    for (const c of taxonomy.categories) {
      console.log(`  category ${c.id} (${c.paperIds.length}): ${c.name} — ${c.definition}`);
      for (const s of c.subcategories ?? []) console.log(`    ${s.id} (${s.paperIds.length}): ${s.name} — ${s.definition}`);
    }
  }
}

await main();
