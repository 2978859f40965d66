import { describe, expect, it } from 'vitest';
import { assignKeys } from '../../src/corpus/assign-keys.js';
import { baseKey, keyCandidates, keyVariant } from '../../src/corpus/citation-key.js';
import { ingestPaths } from '../../src/corpus/ingest.js';
import { loadPreviousKeys, saveCorpus } from '../../src/corpus/store.js';
import { tempDir, tempFiles } from './support.js';

const paper = (id: string, title: string, extra: Record<string, unknown> = {}) => ({
  id,
  title,
  titleDerived: false,
  abstract: `About ${title}.`,
  authors: [] as string[],
  sources: [],
  ...extra,
});

describe('generated citation keys', () => {
  it('are readable: author-year-distinctive word, word-word, wordword-year', () => {
    expect(baseKey({ title: 'Attention Is All You Need', authors: ['Vaswani, Ashish'], year: 2017 })).toBe('vaswani2017attention');
    expect(baseKey({ title: 'H2O: Heavy-Hitter Oracle for Efficient Generative Inference of Large Language Models', authors: ['Zhenyu Zhang'], year: 2023 })).toBe('zhang2023h2o');
    // A generic first word is passed over.
    expect(baseKey({ title: 'Efficient Streaming Language Models with Attention Sinks', authors: ['Xiao, G.'], year: 2023 })).toBe('xiao2023streaming');
    expect(baseKey({ title: 'The Müller Effect', authors: ['José Núñez'], year: 2020 })).toBe('nunez2020muller');
    expect(baseKey({ title: 'On the KV-Edit Method', authors: ['Smith J.'] })).toBe('smith-kvedit');
    expect(baseKey({ title: 'KV-Edit: Training-Free Editing', authors: [], year: 2025 })).toBe('kvedit2025');
    expect(baseKey({ title: 'KV Cache Eviction', authors: [] })).toBe('kv-cache');
    // Never the same word twice; a number with its unit is one word.
    expect(baseKey({ title: 'From 16-Bit to 1-Bit: Visual KV Cache Quantization', authors: [] })).toBe('16bit-1bit');
    expect(baseKey({ title: 'Retrieval-Augmented Generation for Knowledge-Intensive NLP Tasks', authors: ['Lewis, P.'], year: 2020 })).toBe('lewis2020retrieval');
    expect(keyCandidates({ title: 'H2O: Heavy-Hitter Oracle for Efficient Inference', authors: ['Zhenyu Zhang'], year: 2023 })).toEqual([
      'zhang2023h2o',
      'zhang2023h2o-heavyhitter',
      'zhang2023h2o-heavyhitter-oracle',
    ]);
    expect(keyVariant('kvedit2025', 1)).toBe('kvedit2025a');
    expect(keyVariant('kvedit2025', 27)).toBe('kvedit2025aa');
    expect(keyVariant('kv-edit', 1)).toBe('kv-edit-2');
  });

  it('are unique, case-insensitively, told apart by one more title word, and keep user BibTeX keys', () => {
    const { papers, warnings } = assignKeys([
      paper('p1', 'Sparse Attention', { citationKey: 'Mine2020' }),
      paper('p2', 'Sparse Attention Again'),
      paper('p3', 'Sparse Attention Revisited Differently'),
      paper('p4', 'Other', { citationKey: 'mine2020' }),
      paper('p5', 'Sparse Attention'),
    ]);
    expect(papers.map((p) => p.key)).toEqual(['Mine2020', 'sparse-attention', 'sparse-attention-revisited', 'mine2020a', 'sparse-attention-2']);
    expect(warnings).toEqual([expect.stringContaining('BibTeX key "mine2020" is used by two papers')]);
  });

  it('are the same for the same input', () => {
    const input = [paper('p2', 'Sparse Attention Again'), paper('p3', 'Sparse Attention Revisited Differently'), paper('p9', 'KV Cache Eviction')];
    const keys = (list: typeof input) => assignKeys(list).papers.map((p) => `${p.id}=${p.key}`).sort();
    expect(keys(input)).toEqual(keys([...input].reverse()));
  });

  it('stick to their paper through previousKeys, and are not reused for another paper', () => {
    const previous = new Map([['p3', 'sparse-attention'], ['gone', 'sparse-attention-again']]);
    const { papers } = assignKeys([paper('p2', 'Sparse Attention Again'), paper('p3', 'Sparse Attention Revisited')], previous);
    expect(papers.map((p) => p.key)).toEqual(['sparse-attention-again-2', 'sparse-attention']);
  });
});

describe('stable identity across ingests', () => {
  const A = {
    'a.csv': 'title,abstract,authors,year\nAttention Sinks in Streaming Models,"We find that models attend to the first tokens.",Xiao G.,2023\nSparse Mixtures of Experts,"Experts are routed sparsely.",,2022\n',
    'a.txt': 'Title: A Paper Without Year\nAbstract: Plain abstract text for a paper whose metadata is thin.\n',
  };
  const B = {
    'b.jsonl':
      `${JSON.stringify({ title: 'Attention Sinks in Streaming Decoders', abstract: 'A different paper by the same author.', authors: ['Xiao, G.'], year: 2023 })}\n` +
      `${JSON.stringify({ title: 'Sparse Mixtures of Experts Revisited', abstract: 'Revisiting the routing.', year: 2022 })}\n`,
    'b.bib': '@article{user2024key,\n  title = {A Paper With a User Key},\n  abstract = {Cited in the user\'s own manuscript.},\n}\n',
  };

  it('every paper of A keeps its id and key after ingesting A + B in another order', async () => {
    const dir = await tempFiles({ ...A, ...B });
    const workspace = await tempDir();
    const first = await ingestPaths(['a.csv', 'a.txt'], { cwd: dir });
    await saveCorpus(workspace, first);
    const previousKeys = await loadPreviousKeys(workspace);
    const second = await ingestPaths(['b.bib', 'a.txt', 'b.jsonl', 'a.csv'], { cwd: dir, previousKeys });
    expect(second.papers).toHaveLength(first.papers.length + 3);
    for (const p of first.papers) {
      const again = second.papers.find((q) => q.id === p.id);
      expect(again, p.title).toBeDefined();
      expect(again!.key).toBe(p.key);
    }
    expect(second.papers.find((p) => p.title === 'A Paper With a User Key')!.key).toBe('user2024key');
  });

  it('ids do not depend on position, format or neighbours', async () => {
    const dir = await tempFiles({
      'one.csv': 'title,abstract\nThe Same Paper,Text one.\n',
      'two.json': JSON.stringify([{ title: 'Another Paper', abstract: 'x' }, { title: 'the same paper!', abstract: 'Text one.' }]),
    });
    const alone = await ingestPaths(['one.csv'], { cwd: dir });
    const mixed = await ingestPaths(['two.json', 'one.csv'], { cwd: dir });
    expect(mixed.papers.find((p) => p.title === 'The Same Paper')!.id).toBe(alone.papers[0]!.id);
  });
});
