import { describe, expect, it } from 'vitest';
import { paperLabel } from '../../src/offline/synth/paper-label.js';
import { aboutPaper, condense } from '../../src/offline/synth/rewrite.js';
import { makePaper } from './helpers/example-corpus.js';

const named = paperLabel(makePaper(1, 'KeepKV: Merging Without Perturbation', 'KeepKV merges caches.'));
const titled = paperLabel(makePaper(2, 'Compressing KV Cache for Long-Context LLM Inference with Inter-Layer Attention Similarity', 'x'));
const byAuthors = paperLabel(makePaper(3, 'Something', 'x', { authors: ['Ada Lovelace', 'Alan Turing', 'Grace Hopper'] }));

describe('paperLabel', () => {
  it('prefers the paper’s own name, then its authors, then its title', () => {
    expect(named).toMatchObject({ text: 'KeepKV', isName: true, plural: false });
    expect(byAuthors).toMatchObject({ text: 'Lovelace et al.', plural: true });
    expect(titled.text).toBe('*Compressing KV Cache for Long-Context LLM…*');
    expect(titled.full).toBe('*Compressing KV Cache for Long-Context LLM Inference with Inter-Layer Attention Similarity*');
  });

  it('names a paper with no title by what its abstract introduces, never "Another paper"', () => {
    const untitled = makePaper(6, 'Efficient inference is hindered…', 'Efficient inference is hindered by memory. To address this, we propose KeepKV, a merging method.', { titleDerived: true });
    expect(paperLabel(untitled)).toMatchObject({ text: 'KeepKV', isName: true });
    const plain = makePaper(7, 'Network stream mining is fundamental…', 'Network stream mining is fundamental to many network operations. We study sketches.', { titleDerived: true });
    expect(paperLabel(plain).text).toBe('*Network stream mining is fundamental to…*');
  });

  it('never uses a label with a number the abstract lacks', () => {
    expect(paperLabel(makePaper(4, 'Scaling to 1 Million Tokens', 'We scale context windows.')).text).toBe('*Scaling to…*');
    expect(paperLabel(makePaper(5, 'From 16-Bit to 1-Bit: Visual KV Cache Quantization', 'We quantize the cache.')).text).toBe('*Visual KV Cache Quantization*');
  });
});

describe('aboutPaper', () => {
  it('makes the paper the subject of its method sentence', () => {
    expect(aboutPaper('In this paper, we propose KeepKV, a novel adaptive KV cache merging method.', named)).toBe('KeepKV is a novel adaptive KV cache merging method.');
    expect(aboutPaper('To address this, we introduce a benchmark of 869 problems.', titled)).toBe(`${titled.full} introduces a benchmark of 869 problems.`);
    expect(aboutPaper('We study how our models fail.', byAuthors)).toBe('Lovelace et al. study how their models fail.');
    expect(aboutPaper('This paper bridges this gap by devising a gate.', named)).toBe('KeepKV bridges this gap by devising a gate.');
    expect(aboutPaper('Attention is quadratic.', named)).toBe('In KeepKV, attention is quadratic.');
  });

  it('condenses long sentences at a clause boundary only', () => {
    const long = `We propose X, ${'a method that does many things '.repeat(3)}well, which also ${'adds more words '.repeat(8)}here.`;
    expect(condense(long)).toBe(long.slice(0, long.indexOf(', which')));
    expect(condense('Short sentence.')).toBe('Short sentence');
  });
});

describe('aboutPaper with model-written summaries', () => {
  it('handles a summary that starts with its verb or with "the authors"', () => {
    expect(aboutPaper('Proposes a training-free cache merging method.', named)).toBe('KeepKV proposes a training-free cache merging method.');
    expect(aboutPaper('Studies how caches grow.', titled)).toBe(`${titled.full} studies how caches grow.`);
    expect(aboutPaper('The authors introduce a benchmark.', byAuthors)).toBe('Lovelace et al. introduce a benchmark.');
  });
});
