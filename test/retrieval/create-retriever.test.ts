import { describe, expect, it } from 'vitest';
import { createRetriever } from '../../src/retrieval/create-retriever.js';
import type { PaperNotes } from '../../src/retrieval/types.js';
import { SMALL_CORPUS, makePaper } from './make-paper.js';

const keys = (hits: { paper: { key: string } }[]) => hits.map((h) => h.paper.key);

describe('createRetriever (BM25)', () => {
  const retriever = createRetriever(SMALL_CORPUS);

  it.each([
    ['How do methods compress the KV cache?', 'keepkv2025'],
    ['2-bit quantized weights', 'fairy2025'],
    ['forecasting time series with few samples', 'faf2025'],
    ['benchmarks for numerical reasoning and data contamination', 'scida2025'],
    ['estimating network flow sizes', 'llmsketch2025'],
    ['faster training of diffusion models', 'cosim2025'],
  ])('ranks the right paper first for "%s"', async (query, expected) => {
    const hits = await retriever.search(query, 3);
    expect(hits[0]?.paper.key).toBe(expected);
    expect(hits[0]?.bm25Rank).toBe(1);
    expect(hits[0]?.matchedTerms.length).toBeGreaterThan(0);
  });

  it('matches inflected forms through stemming', async () => {
    const hits = await retriever.search('compressing caches', 1);
    expect(keys(hits)).toEqual(['keepkv2025']);
    expect(hits[0]?.matchedTerms).toEqual(expect.arrayContaining(['compress', 'cach']));
  });

  it('finds a variant spelling by fuzzy matching when the exact term is unknown', async () => {
    expect(keys(await retriever.search('quantisation', 1))).toEqual(['fairy2025']);
  });

  it('returns nothing for a query of stop words or for unrelated terms', async () => {
    expect(await retriever.search('what is the of and', 5)).toEqual([]);
    expect(await retriever.search('boiling mercury', 5)).toEqual([]);
  });

  it('weighs a title match above a single abstract mention', async () => {
    const r = createRetriever([
      makePaper('a', 'A study of pruning', 'We look at sparsity in networks and mention distillation once.'),
      makePaper('b', 'Distillation of transformers', 'We compress transformers by teaching a small student.'),
    ]);
    expect(keys(await r.search('distillation', 2))).toEqual(['b', 'a']);
  });

  it('uses the conversation as lower-weighted context for follow-up questions', async () => {
    const followUp = 'how much does it improve throughput?';
    const alone = await retriever.search(followUp, 3);
    expect(alone[0]?.paper.key).toBe('keepkv2025');
    const hits = await retriever.search('and how much memory does it save?', 3, { context: 'KV cache merging' });
    expect(hits[0]?.paper.key).toBe('keepkv2025');
    const fresh = await retriever.search('2-bit quantization', 1, { context: 'KV cache merging' });
    expect(fresh[0]?.paper.key).toBe('fairy2025');
  });

  it('indexes review annotations when they are given', async () => {
    const notes = new Map<string, PaperNotes>([
      ['id-llmsketch2025', { category: 'Networking systems', methodFamily: 'learned sketches', claims: [{ text: 'telemetry accuracy' }] }],
    ]);
    expect(await createRetriever(SMALL_CORPUS).search('telemetry', 3)).toEqual([]);
    const annotated = createRetriever(SMALL_CORPUS, { annotations: notes });
    const hits = await annotated.search('telemetry in networking systems', 3);
    expect(hits[0]?.paper.key).toBe('llmsketch2025');
    expect(hits[0]?.notes?.category).toBe('Networking systems');
  });

  it('gives rare terms a higher idf than common ones, and unknown terms the highest', () => {
    expect(retriever.idf('kv')).toBeGreaterThan(retriever.idf('model'));
    expect(retriever.idf('mercuri')).toBeGreaterThan(retriever.idf('kv'));
    expect(retriever.usedEmbeddings()).toBe(false);
  });
});

/** Deterministic toy embeddings: one dimension per concept, a synonym list per concept. */
const CONCEPTS = [
  ['memory', 'cache', 'kv', 'footprint', 'ram'],
  ['quantization', 'quantized', 'bit', 'precision'],
  ['forecasting', 'series', 'temporal', 'prediction'],
  ['benchmark', 'evaluation', 'problems'],
  ['network', 'flows', 'packets', 'traffic'],
  ['diffusion', 'image', 'generation', 'generative'],
];
function toyEmbed(texts: string[]): Promise<number[][]> {
  return Promise.resolve(
    texts.map((t) => {
      const words = t.toLowerCase().split(/[^a-z0-9]+/);
      return CONCEPTS.map((syn) => words.filter((w) => syn.includes(w)).length + 0.01);
    }),
  );
}

describe('createRetriever (hybrid)', () => {
  it('fuses embedding similarity with BM25, finding papers that share no term with the query', async () => {
    const r = createRetriever(SMALL_CORPUS, { embed: toyEmbed });
    expect(await createRetriever(SMALL_CORPUS).search('temporal prediction', 3)).toEqual([]);
    const hits = await r.search('temporal prediction', 3);
    expect(hits[0]?.paper.key).toBe('faf2025');
    expect(hits[0]?.embeddingRank).toBe(1);
    expect(hits[0]?.bm25Rank).toBeNull();
    expect(r.usedEmbeddings()).toBe(true);
  });

  it('keeps the lexical winner first when both rankings agree', async () => {
    const r = createRetriever(SMALL_CORPUS, { embed: toyEmbed });
    const hits = await r.search('KV cache memory', 3);
    expect(hits[0]?.paper.key).toBe('keepkv2025');
    expect(hits[0]?.bm25Rank).toBe(1);
    expect(hits[0]?.embeddingRank).toBe(1);
  });

  it('falls back to BM25 alone when the endpoint has no embeddings', async () => {
    let calls = 0;
    const r = createRetriever(SMALL_CORPUS, {
      embed: async () => {
        calls++;
        return null;
      },
    });
    expect(keys(await r.search('KV cache', 1))).toEqual(['keepkv2025']);
    expect(keys(await r.search('quantization', 1))).toEqual(['fairy2025']);
    expect(r.usedEmbeddings()).toBe(false);
    expect(calls).toBe(1);
  });

  it('falls back to BM25 with one warning when embeddings fail', async () => {
    const warnings: string[] = [];
    const r = createRetriever(SMALL_CORPUS, {
      embed: async () => {
        throw new Error('socket hang up');
      },
      onWarning: (m) => warnings.push(m),
    });
    expect(keys(await r.search('KV cache', 1))).toEqual(['keepkv2025']);
    await r.search('quantization', 1);
    expect(warnings).toEqual(['embeddings failed (socket hang up); ranking with BM25 alone']);
  });
});

describe('createRetriever postings budget', () => {
  it('drops the most common query terms when their postings exceed the budget', async () => {
    const tight = createRetriever(SMALL_CORPUS, { postingsBudget: 2 });
    const hits = await tight.search('language models quantization', 5);
    expect(keys(hits)).toEqual(['fairy2025']);
    expect(hits[0]?.matchedTerms).toEqual(['quantiz']);
    const roomy = await createRetriever(SMALL_CORPUS).search('language models quantization', 5);
    expect(roomy.length).toBeGreaterThan(1);
    expect(roomy[0]?.paper.key).toBe('fairy2025');
  });

  it('indexes no postings for terms in more than half of a corpus larger than twice the budget, but keeps their idf', async () => {
    const papers = Array.from({ length: 12 }, (_, i) =>
      makePaper(`p${i}`, `Paper ${i}`, i === 3 ? 'Transformers with rotary embeddings.' : `Transformers for task number ${i}.`),
    );
    const r = createRetriever(papers, { postingsBudget: 2 });
    // "transform" is in every paper: a corpus stop word here; "rotari" is in one.
    expect(keys(await r.search('transformers', 5))).toEqual([]);
    expect(keys(await r.search('rotary transformers', 5))).toEqual(['p3']);
    expect(r.idf('transform')).toBeGreaterThan(0);
    expect(r.idf('transform')).toBeLessThan(r.idf('rotari'));
    // Under twice the budget nothing is dropped.
    expect((await createRetriever(papers).search('transformers', 20)).length).toBe(12);
  });
});
