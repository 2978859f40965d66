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
