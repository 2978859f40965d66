import { describe, expect, it } from 'vitest';
import { classifyOffline } from '../../src/offline/classify.js';
import { categoryRange, induceTaxonomyOffline } from '../../src/offline/taxonomy.js';
import { load001, makePaper } from './helpers/example-corpus.js';

describe('induceTaxonomyOffline', () => {
  const papers = load001();
  const annotations = classifyOffline(papers);
  const taxonomy = induceTaxonomyOffline(papers, annotations);

  it('puts every paper in exactly one of 5..12 non-empty categories', () => {
    expect(taxonomy.source).toBe('offline');
    expect(taxonomy.categories.length).toBeGreaterThanOrEqual(5);
    expect(taxonomy.categories.length).toBeLessThanOrEqual(12);
    const all = taxonomy.categories.flatMap((c) => c.paperIds);
    expect(all.length).toBe(papers.length);
    expect(new Set(all)).toEqual(new Set(papers.map((p) => p.id)));
    expect(taxonomy.categories.every((c) => c.paperIds.length > 0)).toBe(true);
  });

  it('names and defines categories readably, with stable ids by size then name', () => {
    taxonomy.categories.forEach((c, i) => {
      expect(c.id).toBe(`c${i + 1}`);
      expect(c.name).toMatch(/^[A-Z0-9]/);
      expect(c.name.length).toBeLessThan(60);
      expect(c.definition).toMatch(/^Papers on .+\.$/);
    });
    for (let i = 1; i < taxonomy.categories.length; i++) {
      const [a, b] = [taxonomy.categories[i - 1]!, taxonomy.categories[i]!];
      expect(a.paperIds.length > b.paperIds.length || (a.paperIds.length === b.paperIds.length && a.name <= b.name)).toBe(true);
    }
    expect(new Set(taxonomy.categories.map((c) => c.name.toLowerCase())).size).toBe(taxonomy.categories.length);
    // The corpus is largely about KV caches: some category says so.
    expect(taxonomy.categories.some((c) => /KV cache|cache/i.test(c.name))).toBe(true);
  });

  it('is deterministic and does not depend on the order of the papers', () => {
    expect(JSON.stringify(induceTaxonomyOffline(papers, annotations))).toBe(JSON.stringify(taxonomy));
    const reversed = induceTaxonomyOffline([...papers].reverse(), [...annotations].reverse());
    const asSets = (t: typeof taxonomy): string[] => t.categories.map((c) => `${c.id}:${c.name}:${[...c.paperIds].sort().join(',')}`);
    expect(asSets(reversed)).toEqual(asSets(taxonomy));
  });

  it('asks for fewer categories only when there are too few papers', () => {
    expect(categoryRange(183)).toEqual({ kMin: 9, kMax: 11 });
    expect(categoryRange(411)).toEqual({ kMin: 13, kMax: 15 });
    expect(categoryRange(20)).toEqual({ kMin: 5, kMax: 6 });
    expect(categoryRange(4)).toEqual({ kMin: 1, kMax: 1 });
    expect(induceTaxonomyOffline([], [])).toEqual({ source: 'offline', categories: [] });
    const few = [1, 2, 3].map((n) => makePaper(n, `Paper ${n} on caches`, `We study cache number ${n} in detail.`));
    const t = induceTaxonomyOffline(few, classifyOffline(few));
    expect(t.categories).toHaveLength(1);
    expect(t.categories[0]!.paperIds).toEqual(few.map((p) => p.id));
  });
});
