import { describe, expect, it } from 'vitest';
import { assignToTaxonomy } from '../../src/offline/assign-taxonomy.js';
import { classifyOffline } from '../../src/offline/classify.js';
import { makePaper } from './helpers/example-corpus.js';

const papers = [
  makePaper(1, 'KIVI: 2-bit KV Cache Quantization', 'We quantize the KV cache of large language models to 2 bits per value.'),
  makePaper(2, 'SnapKV: KV Cache Eviction by Attention', 'We evict unimportant tokens from the KV cache using attention scores.'),
  makePaper(3, 'Lower Bounds for Learning Halfspaces', 'We prove lower bounds on the sample complexity of learning halfspaces.'),
  makePaper(4, 'Gardening', 'Tomatoes grow well in sunny gardens.'),
];
const categories = [
  { id: 'quant', name: 'KV cache quantization', definition: 'Quantizing cached keys and values to fewer bits.' },
  { id: 'evict', name: 'KV cache eviction', definition: 'Dropping tokens from the cache.' },
  { id: 'theory', name: 'Learning theory', definition: 'Sample complexity and lower bounds.' },
  { id: 'empty', name: 'Robotics', definition: 'Robots and manipulation.' },
];

describe('assignToTaxonomy', () => {
  const taxonomy = assignToTaxonomy(papers, classifyOffline(papers), categories);

  it('keeps the given categories, ids and order, and marks the source as file', () => {
    expect(taxonomy.source).toBe('file');
    expect(taxonomy.categories.map((c) => [c.id, c.name])).toEqual(categories.map((c) => [c.id, c.name]));
  });

  it('puts each paper in its most similar category, exactly once', () => {
    const where = new Map(taxonomy.categories.flatMap((c) => c.paperIds.map((id) => [id, c.id] as const)));
    expect(where.get('h1')).toBe('quant');
    expect(where.get('h2')).toBe('evict');
    expect(where.get('h3')).toBe('theory');
    expect(where.has('h4')).toBe(true);
    expect(taxonomy.categories.flatMap((c) => c.paperIds).sort()).toEqual(['h1', 'h2', 'h3', 'h4']);
    expect(taxonomy.categories.find((c) => c.id === 'empty')!.paperIds).toEqual([]);
  });
});
