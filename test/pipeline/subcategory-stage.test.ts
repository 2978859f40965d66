import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Paper } from '../../src/corpus/paper.js';
import { createGateway } from '../../src/model/create-gateway.js';
import type { ModelGateway } from '../../src/model/types.js';
import { applySubcategoriesWithModel, subcategorizeWithModel } from '../../src/pipeline/stages/subcategory-stage.js';
import { PackingState } from '../../src/pipeline/stages/packing-state.js';
import { loadPrompts } from '../../src/prompts/load-prompts.js';
import type { Annotation, Taxonomy } from '../../src/review/annotation.js';
import type { StageContext } from '../../src/review/engine.js';
import { FAST_RETRY, tempDir, testConfig } from '../model/support/gateway-config.js';
import { fakeReviewer } from '../support/fake-reviewer.js';
import { startOpenAIServer, type OpenAIServer } from '../support/openai-server.js';

/** The model's second taxonomy level, through the real client against the test server. */
const papers: Paper[] = Array.from({ length: 1000 }, (_, i) => ({
  id: `p${String(i).padStart(4, '0')}`,
  key: `paper${i}`,
  title: `Paper ${i} on ${['attention', 'quantization', 'training', 'theory'][i % 4]}`,
  titleDerived: false,
  abstract: `We study topic ${i % 7} with method ${i % 5}.`,
  authors: [],
  sources: [],
}));
const annotations: Annotation[] = papers.map((p, i) => ({
  paperId: p.id,
  status: 'ok',
  contributionType: 'method',
  problem: '',
  methodFamily: `family ${i % 6}`,
  methodSummary: `method ${i % 5}`,
  tasks: [],
  datasets: [],
  models: [],
  claims: [],
}));
const taxonomy: Taxonomy = {
  source: 'induced',
  categories: [
    { id: 'c1', name: 'Attention and memory', definition: 'Attention.', paperIds: papers.slice(0, 970).map((p) => p.id) },
    { id: 'c2', name: 'Everything else', definition: 'The rest.', paperIds: papers.slice(970).map((p) => p.id) },
  ],
};
const ctx: StageContext = { signal: new AbortController().signal, progress: () => {}, paperFailed: () => {}, warn: () => {} };

let server: OpenAIServer;
let gateway: ModelGateway;
let deps: Parameters<typeof subcategorizeWithModel>[0];
beforeAll(async () => {
  server = await startOpenAIServer({ handler: fakeReviewer() });
  const cwd = tempDir();
  gateway = await createGateway(testConfig({ url: server.url, cwd, flags: { cache: 'off' } }), { retry: FAST_RETRY });
  deps = { gateway, prompts: await loadPrompts(), cacheDir: cwd, writeLedgers: false, batch: { maxItems: 25, tokenBudget: 4000 }, sample: 0, concurrency: 8, packing: new PackingState(gateway) };
});
afterAll(async () => {
  await gateway.close();
  await server.close();
});

describe('subcategories through the model', () => {
  it('splits each large category in a second taxonomy pass and assigns its papers among the subcategories', async () => {
    const before = server.chatRequests().length;
    const two = await subcategorizeWithModel(deps, papers, annotations, taxonomy, ctx);
    const [c1, c2] = two.categories;
    expect(c2!.subcategories).toBeUndefined();
    const subs = c1!.subcategories!;
    expect(subs.length).toBeGreaterThanOrEqual(2);
    subs.forEach((s, i) => expect(s.id).toBe(`c1.${i + 1}`));
    expect(subs.map((s) => s.name)).not.toContain('Attention and memory');
    expect(subs.flatMap((s) => s.paperIds).sort()).toEqual([...c1!.paperIds].sort());
    // One proposal per 150 papers of the category plus a merge, then one assignment per batch of 4 x 25
    // (an assignment is a few tokens: assign batches are four times the classification batch).
    const requests = server.chatRequests().length - before;
    expect(requests).toBe(Math.ceil(970 / 150) + 1 + Math.ceil(970 / 100));
  });

  it('leaves a small corpus with one level', async () => {
    const small = { ...taxonomy, categories: [{ ...taxonomy.categories[0]!, paperIds: papers.slice(0, 500).map((p) => p.id) }] };
    expect(await subcategorizeWithModel(deps, papers.slice(0, 500), annotations, small, ctx)).toEqual(small);
  });

  it('applies the subcategories of a --taxonomy file', async () => {
    const specs = [{ id: 'c1', name: 'Attention and memory', definition: '', subcategories: [{ id: 'a', name: 'Left', definition: '' }, { id: 'b', name: 'Right', definition: '' }] }];
    const one = { ...taxonomy, categories: [{ ...taxonomy.categories[0]!, paperIds: papers.slice(0, 100).map((p) => p.id) }] };
    const applied = await applySubcategoriesWithModel(deps, papers, annotations, specs, one, ctx);
    const subs = applied.categories[0]!.subcategories!;
    // The file's ids and order, as the offline engine keeps them.
    expect(subs.map((s) => [s.id, s.name])).toEqual([['a', 'Left'], ['b', 'Right']]);
    expect(subs.flatMap((s) => s.paperIds).sort()).toEqual(one.categories[0]!.paperIds);
  });
});
