import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compareRuns, renderComparison } from '../../src/runs/compare-runs.js';
import { readRun } from '../../src/runs/read-run.js';
import { basePapers, removeTempDirs, tempDir, writeRun, type FixturePaper, type FixtureRun } from './run-fixture.js';

afterAll(removeTempDirs);

async function pair(a: FixtureRun, b: FixtureRun) {
  const root = await tempDir();
  const dirA = await writeRun(path.join(root, a.runId), a);
  const dirB = await writeRun(path.join(root, b.runId), b);
  return compareRuns(await readRun(dirA, root), await readRun(dirB, root));
}

function recategorise(papers: FixturePaper[], changes: Record<string, string>): FixturePaper[] {
  return papers.map((p) => (changes[p.id] ? { ...p, category: changes[p.id]! } : p));
}

describe('compareRuns', () => {
  it('finds perfect agreement and no differences between identical runs', async () => {
    const c = await pair({ runId: 'a', papers: basePapers() }, { runId: 'b', papers: basePapers() });
    expect(c.kappa).toBe(1);
    expect(c.agreement).toBe(1);
    expect(c.contributionTypeKappa).toBe(1);
    expect(c.comparedPapers).toBe(10);
    expect(c.sameCorpus).toBe(true);
    expect(c.settings).toEqual([]);
    expect(c.changedCategories).toEqual([]);
    expect(c.changedContributionTypes).toEqual([]);
    expect(c.statusChanges).toEqual([]);
    expect(c.papersOnlyInA).toEqual([]);
    expect(c.papersOnlyInB).toEqual([]);
    expect(c.claims).toEqual({ added: 0, removed: 0, papers: [] });
    expect(c.citations).toMatchObject({ a: 10, b: 10, common: 10, onlyInA: [], onlyInB: [] });
    expect(Object.values(c.verification).every((d) => d.delta === 0)).toBe(true);
    expect(c.calls.delta).toBe(0);
    expect(c.costUSD.delta).toBe(0);
    expect(c.prompts).toEqual({ changed: [], unchanged: ['classify', 'synthesize'], used: { a: true, b: true } });
    expect(c.sections).toEqual({ unchanged: 3, changed: [] });
    expect(c.categories.matched.every((m) => !m.renamed)).toBe(true);
    expect(c.warnings).toEqual([]);
  });

  it('gives kappa 1 for renamed categories with the same papers', async () => {
    const renamed = recategorise(basePapers(), {});
    for (const p of renamed) p.category = { Pruning: 'Sparsification', Quantisation: 'Low-bit inference', Distillation: 'Teacher-student' }[p.category]!;
    const c = await pair({ runId: 'a', papers: basePapers() }, { runId: 'b', papers: renamed });
    expect(c.kappa).toBe(1);
    expect(c.changedCategories).toEqual([]);
    expect(c.categories.matched).toEqual(
      expect.arrayContaining([{ a: 'Pruning', b: 'Sparsification', overlap: 3, renamed: true }]),
    );
    expect(c.categories.onlyInA).toEqual([]);
    expect(c.categories.onlyInB).toEqual([]);
  });

  it('gives a lower kappa for a changed classification and lists the changed papers', async () => {
    const changed = recategorise(basePapers(), { p3: 'Quantisation', p8: 'Pruning' });
    const c = await pair({ runId: 'a', papers: basePapers() }, { runId: 'b', papers: changed });
    // 8 of 10 agree; marginals A .3/.4/.3, B .3/.5/.2 -> pe .35, kappa .45/.65.
    expect(c.agreement).toBeCloseTo(0.8, 10);
    expect(c.kappa).toBeCloseTo(0.45 / 0.65, 10);
    expect(c.changedCategories).toEqual([
      { id: 'p3', key: 'key-p3', title: 'Title of p3', from: 'Pruning', to: 'Quantisation' },
      { id: 'p8', key: 'key-p8', title: 'Title of p8', from: 'Distillation', to: 'Pruning' },
    ]);
  });

  it('matches by overlap when categories are renamed and changed at once', async () => {
    const b = recategorise(basePapers(), { p3: 'Quantisation', p8: 'Pruning' }).map((p) => ({ ...p, category: `${p.category} (v2)` }));
    const c = await pair({ runId: 'a', papers: basePapers() }, { runId: 'b', papers: b });
    expect(c.kappa).toBeCloseTo(0.45 / 0.65, 10);
    expect(c.changedCategories.map((x) => [x.id, x.to])).toEqual([
      ['p3', 'Quantisation (v2)'],
      ['p8', 'Pruning (v2)'],
    ]);
  });

  it('reports claims added and removed by normalised quote', async () => {
    const b = basePapers().map((p) => {
      if (p.id === 'p1') return { ...p, claims: [{ quote: '  paper 1 improves  ACCURACY by 1% ' }] };
      if (p.id === 'p2') return { ...p, claims: [{ quote: 'A different sentence.' }] };
      if (p.id === 'p4') return { ...p, claims: [...p.claims!, { quote: 'An extra finding.' }] };
      return p;
    });
    const c = await pair({ runId: 'a', papers: basePapers() }, { runId: 'b', papers: b });
    expect(c.claims.added).toBe(2);
    expect(c.claims.removed).toBe(1);
    expect(c.claims.papers.map((p) => [p.id, p.added.map((x) => x.quote), p.removed.map((x) => x.quote)])).toEqual([
      ['p2', ['A different sentence.'], ['Paper 2 improves accuracy by 2%.']],
      ['p4', ['An extra finding.'], []],
    ]);
  });

  it('reports papers only in one run, status changes, citations, verification, tokens, cost and prompts', async () => {
    const a: FixtureRun = { runId: 'a', papers: basePapers() };
    const papersB = basePapers()
      .filter((p) => p.id !== 'p10')
      .map((p) => (p.id === 'p5' ? { ...p, status: 'failed' as const } : p));
    papersB.push({ id: 'p11', category: 'Distillation', claims: [{ quote: 'New.' }] });
    const b: FixtureRun = {
      runId: 'b',
      papers: papersB,
      review: '# R\n\n## Methods\n\nSome [@key-p1; @key-p2] and [see @key-p11, p. 3].\n\n## Open problems\n\nMany.\n',
      verification: { numbersUnsupported: 0, citations: 3 },
      tokens: { prompt: 1500, completion: 300 },
      costUSD: 0.002,
      calls: 2,
      cacheHits: 4,
      model: 'other-model',
      prompts: { classify: 'e'.repeat(64), synthesize: 'b'.repeat(64), overview: 'f'.repeat(64) },
    };
    const c = await pair(a, b);
    expect(c.papersOnlyInA).toEqual([{ id: 'p10', key: 'key-p10', title: 'Title of p10' }]);
    expect(c.papersOnlyInB).toEqual([{ id: 'p11', key: 'key-p11', title: 'Title of p11' }]);
    expect(c.statusChanges).toEqual([{ id: 'p5', key: 'key-p5', title: 'Title of p5', from: 'ok', to: 'failed' }]);
    expect(c.comparedPapers).toBe(8);
    expect(c.kappa).toBe(1);
    expect(c.citations.onlyInB).toEqual(['key-p11']);
    expect(c.citations.onlyInA).toEqual(['key-p10', 'key-p3', 'key-p4', 'key-p5', 'key-p6', 'key-p7', 'key-p8', 'key-p9']);
    expect(c.citations.common).toBe(2);
    expect(c.verification.numbersUnsupported).toEqual({ a: 1, b: 0, delta: -1 });
    expect(c.verification.citations).toEqual({ a: 10, b: 3, delta: -7 });
    expect(c.tokens).toEqual({ prompt: { a: 1000, b: 1500, delta: 500 }, completion: { a: 200, b: 300, delta: 100 } });
    expect(c.costUSD).toEqual({ a: 0.0012, b: 0.002, delta: 0.0008 });
    expect(c.calls).toEqual({ a: 6, b: 2, delta: -4 });
    expect(c.cacheHits.delta).toBe(4);
    expect(c.prompts.unchanged).toEqual(['synthesize']);
    expect(c.prompts.changed).toEqual([
      { name: 'classify', a: { version: '1', hash: 'a'.repeat(64) }, b: { version: '1', hash: 'e'.repeat(64) } },
      { name: 'overview', a: null, b: { version: '1', hash: 'f'.repeat(64) } },
    ]);
    expect(c.settings).toEqual([{ field: 'model', a: 'test-model', b: 'other-model' }]);
    expect(c.sections.unchanged).toBe(1);
    expect(c.sections.changed.map((s) => [s.heading, s.status])).toEqual([
      ['', 'changed'],
      ['Methods', 'changed'],
    ]);
    expect(c.sections.changed[1]!.diff).toContain('+Some [@key-p1; @key-p2] and [see @key-p11, p. 3].');

    const text = renderComparison(c);
    expect(text).toContain('category kappa (Cohen): 1.000 over 8 papers');
    expect(text).toContain('- model: test-model -> other-model');
    expect(text).toContain('- prompt classify: 1 aaaaaaaaaaaa -> 1 eeeeeeeeeeee');
    expect(text).toContain('### Papers whose status changed (1)');
    expect(text).toContain('- key-p10: Title of p10');
    expect(text).toContain('- cited only in B: @key-p11');
    expect(text).toMatch(/numbersUnsupported\s+1\s+0\s+-1/);
    expect(text).toMatch(/cost \(USD\)\s+\$0\.0012\s+\$0\.0020\s+\+\$0\.0008/);
    expect(text).toContain('## Review sections: 2 changed, 1 unchanged');
    expect(text).toContain('```diff\n@@ ');
  });

  it('falls back to taxonomy.json membership when papers carry no category', async () => {
    const root = await tempDir();
    const dirA = await writeRun(path.join(root, 'a'), { runId: 'a', papers: basePapers() });
    const dirB = await writeRun(path.join(root, 'b'), { runId: 'b', papers: basePapers(), withCategoryIds: false });
    const file = path.join(dirB, 'papers.jsonl');
    const stripped = (await readFile(file, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.stringify({ ...JSON.parse(l), category: null }))
      .join('\n');
    await writeFile(file, stripped);
    const c = compareRuns(await readRun(dirA, root), await readRun(dirB, root));
    expect(c.kappa).toBe(1);
    expect(c.categories.matched.map((m) => m.b).sort()).toEqual(['Distillation', 'Pruning', 'Quantisation']);
  });

  it('renders identical runs without change lists', async () => {
    const c = await pair({ runId: 'a', papers: basePapers() }, { runId: 'b', papers: basePapers() });
    const text = renderComparison(c);
    expect(text).toContain('### Papers whose category changed: none');
    expect(text).toContain('## Claims: 0 added, 0 removed, in 0 papers');
    expect(text).toContain('## Review sections: 0 changed, 3 unchanged');
    expect(text).toContain('- same prompts');
  });
});
