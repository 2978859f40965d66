import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingestPaths } from '../../src/corpus/ingest.js';
import type { Paper } from '../../src/corpus/paper.js';
import { assignToTaxonomy, assignToTaxonomySteps } from '../../src/offline/assign-taxonomy.js';
import { classifyOffline } from '../../src/offline/classify.js';
import { screenOffline, screenOfflineSteps } from '../../src/offline/screen.js';
import { screenCriteriaOffline, screenCriteriaOfflineSteps } from '../../src/offline/screen-criteria.js';
import type { Annotation } from '../../src/review/annotation.js';
import { runSteps, type StepProgress, type Steps } from '../../src/review/cooperative-loop.js';
import { parseCriteriaFile } from '../../src/review/parse-criteria-file.js';
import { checkQuotes, checkQuotesSteps } from '../../src/verify/quotes.js';

const here = path.dirname(fileURLToPath(import.meta.url));
let papers: Paper[];
let annotations: Annotation[];

beforeAll(async () => {
  ({ papers } = await ingestPaths([path.resolve(here, '../../examples/corpus')]));
  annotations = classifyOffline(papers);
});

/** Run steps to the end, keeping every progress report: what the cooperative loop would show. */
function collect<T>(steps: Steps<T>): { value: T; progress: StepProgress[] } {
  const progress: StepProgress[] = [];
  for (;;) {
    const r = steps.next();
    if (r.done) return { value: r.value, progress };
    if (r.value) progress.push(r.value);
  }
}

/** The stage is cut into one step per paper, counting up to the papers (so it can yield, show progress, stop). */
function expectPerPaper(progress: StepProgress[], n: number): void {
  expect(progress).toHaveLength(n);
  expect(progress.map((p) => p.done)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
  expect(progress.every((p) => p.total === n)).toBe(true);
}

describe('offline stages as steps (what lets a large corpus run cooperatively)', () => {
  it('topic screening: one step per paper, the same decisions as straight through', () => {
    const { value, progress } = collect(screenOfflineSteps(papers, 'efficient attention for long context'));
    expectPerPaper(progress, papers.length);
    expect(value).toEqual(screenOffline(papers, 'efficient attention for long context'));
    expect([...value.values()].some((d) => d.relevant)).toBe(true);
  });

  it('criteria screening: one step per paper, the same screenings', async () => {
    const criteria = await parseCriteriaFile(path.resolve(here, '../../examples/criteria.yaml'));
    const { value, progress } = collect(screenCriteriaOfflineSteps(papers, criteria));
    expectPerPaper(progress, papers.length);
    expect(value).toEqual(screenCriteriaOffline(papers, criteria));
  });

  it('placing papers in a given taxonomy: one reported step per paper (subcategory passes stay quiet), the same taxonomy', () => {
    const categories = [
      { id: 'a', name: 'Attention and long context', definition: 'sparse attention, KV cache, long-context inference' },
      {
        id: 'b',
        name: 'Reasoning',
        definition: 'chain of thought, mathematical reasoning, reinforcement learning',
        subcategories: [
          { id: 'b.1', name: 'Mathematical reasoning', definition: 'math word problems, theorem proving' },
          { id: 'b.2', name: 'Reinforcement learning', definition: 'reward models, policy optimisation' },
        ],
      },
    ];
    const { value, progress } = collect(assignToTaxonomySteps(papers, annotations, categories));
    expectPerPaper(progress, papers.length);
    expect(value).toEqual(assignToTaxonomy(papers, annotations, categories));
    expect(value.categories[1]!.subcategories?.length).toBe(2);
  });

  it('quote verification: one step per annotation, the same checks', () => {
    const { value, progress } = collect(checkQuotesSteps(papers, annotations));
    expectPerPaper(progress, annotations.length);
    expect(value).toEqual(checkQuotes(papers, annotations));
    expect(runSteps(checkQuotesSteps(papers, annotations)).length).toBeGreaterThan(papers.length);
  });
});
