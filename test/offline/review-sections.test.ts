import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { measureReview, type ReviewMeasures } from '../../scripts/review-measures.js';
import { ingestPaths } from '../../src/corpus/ingest.js';
import type { Paper } from '../../src/corpus/paper.js';
import { classifyOffline } from '../../src/offline/classify.js';
import { openProblemOf } from '../../src/offline/synth/open-problems.js';
import { paperLabel } from '../../src/offline/synth/paper-label.js';
import { synthesizeOffline } from '../../src/offline/synthesize.js';
import { induceTaxonomyOffline } from '../../src/offline/taxonomy.js';
import { renderReviewMarkdown } from '../../src/report/review-markdown.js';
import type { Taxonomy } from '../../src/review/annotation.js';
import { makePaper } from './helpers/example-corpus.js';

/** The offline review of examples/corpus as a researcher reads it: one vocabulary, sections that compare. */
describe('the offline review of examples/corpus compares instead of listing', () => {
  let taxonomy: Taxonomy;
  let markdown: string;
  let m: ReviewMeasures;

  beforeAll(async () => {
    const { papers } = await ingestPaths([path.resolve(__dirname, '../../examples/corpus')]);
    const annotations = classifyOffline(papers);
    taxonomy = induceTaxonomyOffline(papers, annotations);
    markdown = renderReviewMarkdown(synthesizeOffline({ papers, annotations, taxonomy }), { papers, annotations, taxonomy });
    m = measureReview(markdown);
  }, 60_000);

  it('shows in the mindmap exactly the groups the sections describe, by name and count', () => {
    expect(m.mismatches).toEqual([]);
    expect(taxonomy.categories.some((c) => (c.subcategories?.length ?? 0) >= 2)).toBe(true);
  });

  it('never gives two subsections the same name, nor a subsection its category name', () => {
    const names = taxonomy.categories.flatMap((c) => [c.name, ...(c.subcategories ?? []).map((s) => s.name)].map((n) => n.toLowerCase()));
    expect(new Set(names).size).toBe(names.length);
    expect(m.duplicateSubsections).toEqual([]);
  });

  it('leaves at most 15% of papers to catch-all summaries and writes no filler line', () => {
    expect(markdown).not.toMatch(/\*\*Other approaches\.\*\*|also belongs here|take other directions/);
    expect(m.filler).toBe(0);
    expect(m.catchAll / m.papers).toBeLessThanOrEqual(0.15);
  });

  it('groups papers by approach and says how they differ', () => {
    expect(markdown).toMatch(/^\*\*[^*]+\.\*\* .*\[@[^\]]+\].*\[@[^\]]+\]/m);
    expect(markdown).toMatch(/Where they differ is in focus: /);
  });

  it('puts figures several papers report on one benchmark side by side in a table', () => {
    expect(m.comparisonTables).toBeGreaterThan(0);
  });

  it('gives at most 10% of claims-table rows no metric', () => {
    expect(m.claimRowsWithoutMetric / m.claimRows).toBeLessThanOrEqual(0.1);
  });
});

describe('open problems', () => {
  const paper = (abstract: string): Paper => makePaper(1, 'On Graphs', abstract);
  it('quote a stated limitation or direction, never a result', () => {
    const answered = paper('We study subgraph counting. We give a polynomial time algorithm for the WL-dimension, answering an open question from previous work.');
    expect(openProblemOf(answered, paperLabel(answered))).toBeNull();
    const measured = paper('We study code completion. Moreover, the model still fails to predict 14.5% of tokens correctly in our tests.');
    expect(openProblemOf(measured, paperLabel(measured))).toBeNull();
    const open = paper('We study subgraph counting. Obtaining similar hardness results for kernels used in practice remains an open problem.');
    expect(openProblemOf(open, paperLabel(open))?.sentence).toMatch(/remains an open problem/);
  });
});
