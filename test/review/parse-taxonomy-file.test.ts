import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import type { Taxonomy } from '../../src/review/annotation.js';
import { parseTaxonomyFile } from '../../src/review/parse-taxonomy-file.js';
import { renderTaxonomyJson } from '../../src/report/taxonomy-json.js';

const FIXTURE = path.resolve(__dirname, '../fixtures/offline/taxonomy-edited.json');

async function temp(name: string, content: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'litrev-tax-'));
  const file = path.join(dir, name);
  await writeFile(file, content);
  return file;
}

describe('taxonomy.json', () => {
  const taxonomy: Taxonomy = {
    source: 'offline',
    categories: [{ id: 'c1', name: 'KV cache', definition: 'Papers on KV cache.', paperIds: ['p1', 'p2'] }],
  };
  const papers = [
    { id: 'p1', key: 'a2024', title: '', titleDerived: false, abstract: '', authors: [], sources: [] },
    { id: 'p2', key: 'b2024', title: '', titleDerived: false, abstract: '', authors: [], sources: [] },
  ];

  it('is written with ids, names, definitions, sizes, paper ids and keys, and reads back', async () => {
    const json = renderTaxonomyJson(taxonomy, papers);
    expect(JSON.parse(json)).toEqual({
      source: 'offline',
      categories: [{ id: 'c1', name: 'KV cache', definition: 'Papers on KV cache.', size: 2, paperIds: ['p1', 'p2'], paperKeys: ['a2024', 'b2024'] }],
    });
    expect(await parseTaxonomyFile(await temp('taxonomy.json', json))).toEqual([
      { id: 'c1', name: 'KV cache', definition: 'Papers on KV cache.', paperIds: ['p1', 'p2'], paperKeys: ['a2024', 'b2024'] },
    ]);
  });

  it('reads a file the user edited (ids optional, the papers a category lists kept with it)', async () => {
    expect(await parseTaxonomyFile(FIXTURE)).toEqual([
      { id: 'c1', name: 'KV cache eviction', definition: 'Dropping or merging cached tokens.', paperIds: ['stale-id-1', 'stale-id-2', 'stale-id-3'] },
      { id: 'quant', name: 'KV cache quantization', definition: 'Fewer bits per cached key and value.' },
      { id: 'c3', name: 'Everything else', definition: '' },
    ]);
  });

  it('reads subcategories with their ids, a missing one numbered under its category', async () => {
    const file = await temp('two-level.json', JSON.stringify({ categories: [{ id: 'kv', name: 'KV cache', subcategories: [{ id: 'evict', name: 'Eviction' }, { name: 'Quantization', definition: ' Fewer bits. ' }] }, { name: 'Other' }] }));
    expect(await parseTaxonomyFile(file)).toEqual([
      { id: 'kv', name: 'KV cache', definition: '', subcategories: [{ id: 'evict', name: 'Eviction', definition: '' }, { id: 'kv.2', name: 'Quantization', definition: 'Fewer bits.' }] },
      { id: 'c2', name: 'Other', definition: '' },
    ]);
  });

  it('rejects subcategory files a run could not tell apart: a name twice in a category, an id twice anywhere (defaults included)', async () => {
    const cat = (o: object) => JSON.stringify({ categories: Array.isArray(o) ? o : [o] });
    const cases: [string, RegExp][] = [
      [cat({ name: 'X', subcategories: [{ name: 'Left' }, { name: ' left ' }] }), /category 1: the subcategory name "left" is used twice/],
      [cat({ id: 'c1', name: 'X', subcategories: [{ id: 'c1.2', name: 'A' }, { name: 'B' }] }), /the id "c1.2" is used twice \(category 1 subcategory 1; category 1 subcategory 2, by default\)/],
      [cat([{ name: 'X', subcategories: [{ id: 'c2', name: 'A' }] }, { name: 'Y' }]), /the id "c2" is used twice \(category 1 subcategory 1; category 2, by default\)/],
      [cat([{ name: 'X', subcategories: [{ id: 'a', name: 'A' }] }, { name: 'Y', subcategories: [{ id: 'a', name: 'B' }] }]), /the id "a" is used twice/],
      [cat([{ name: 'X' }, { id: 'c1', name: 'Y' }]), /the id "c1" is used twice \(category 1, by default; category 2\)/],
      [cat({ name: 'X', subcategories: [{ name: '' }] }), /category 1: "subcategories.0.name"/],
    ];
    for (const [content, problem] of cases) {
      const file = await temp('bad.json', content);
      const err = await parseTaxonomyFile(file).catch((e: unknown) => e);
      expect(err, content).toBeInstanceOf(ConfigError);
      expect((err as Error).message, content).toMatch(problem);
    }
    // The same subcategory name under two categories is fine (each category's "Other").
    const ok = await temp('ok.json', cat([{ name: 'X', subcategories: [{ name: 'Other' }] }, { name: 'Y', subcategories: [{ name: 'Other' }] }]));
    expect((await parseTaxonomyFile(ok)).flatMap((c) => c.subcategories!.map((s) => s.id))).toEqual(['c1.1', 'c2.1']);
  });

  it('reads a file saved with a byte-order mark, trimming ids, names and definitions', async () => {
    const file = await temp('bom.json', '\uFEFF' + JSON.stringify([{ id: ' kv ', name: ' KV cache ', definition: ' Caches. ', subcategories: [{ id: ' e ', name: ' Eviction ' }] }]));
    expect(await parseTaxonomyFile(file)).toEqual([{ id: 'kv', name: 'KV cache', definition: 'Caches.', subcategories: [{ id: 'e', name: 'Eviction', definition: '' }] }]);
  });

  it('says what a taxonomy file looks like when it refuses one', async () => {
    const cases: [string, RegExp][] = [
      ['{"categories": [{"name": "  "}]}', /category 1: "name" a category needs a non-empty "name"$/],
      ['{"categories": [{"name": "X", "subcategories": [{"name": " "}]}]}', /category 1: "subcategories.0.name" a subcategory needs a non-empty "name"$/],
      ['{"categories": [{"name": "X", "id": "  "}]}', /category 1: "id" /],
      ['{"taxonomy": []}', /expected an object with a "categories" array$/],
      ['[3]', /category 1: entry /],
    ];
    for (const [content, problem] of cases) {
      const file = await temp('bad.json', content);
      const err = (await parseTaxonomyFile(file).catch((e: unknown) => e)) as ConfigError;
      expect(err.message, content).toMatch(problem);
      expect(err.hint).toBe('the file is a taxonomy.json as litrev writes it: { "categories": [ { "id", "name", "definition" } ] }');
    }
  });

  it('rejects bad files with a ConfigError naming the file and the problem', async () => {
    const cases: [string, RegExp][] = [
      ['{ not json', /not valid JSON/],
      ['{"categories": []}', /lists no categories/],
      ['{"categories": [{"definition": "x"}]}', /category 1: "name"/],
      ['{"categories": [{"id": "a", "name": "X"}, {"id": "a", "name": "Y"}]}', /id "a" is used twice/],
      ['{"categories": [{"name": "X"}, {"name": "x"}]}', /name "x" is used twice/],
      ['"just a string"', /"categories" array/],
    ];
    for (const [content, problem] of cases) {
      const file = await temp('bad.json', content);
      const err = await parseTaxonomyFile(file).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as Error).message).toContain(file);
      expect((err as Error).message).toMatch(problem);
    }
    await expect(parseTaxonomyFile('/nonexistent/taxonomy.json')).rejects.toThrow(/taxonomy file \/nonexistent\/taxonomy.json: cannot read it/);
  });
});
