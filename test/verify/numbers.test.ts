import { describe, expect, it } from 'vitest';
import { extractNumbers, numberSupported, unsupportedNumbers } from '../../src/verify/numbers.js';

const values = (text: string): [number, string][] => extractNumbers(text).map((m) => [m.value, m.unit]);

describe('numbers', () => {
  it('normalises times, percent, thousands and scale words', () => {
    for (const t of ['1.9x', '1.9×', '1.9 times', '1.9$\\times$', '1.9 ×']) expect(values(`a ${t} speedup`)).toEqual([[1.9, 'x']]);
    for (const t of ['20%', '20 %', '20 percent', '20\\%']) expect(values(`cuts ${t} of memory`)).toEqual([[20, '%']]);
    expect(values('over 1,000 problems')).toEqual([[1000, '']]);
    expect(values('over 1000 problems')).toEqual([[1000, '']]);
    expect(values('a context of 1M tokens')).toEqual([[1e6, '']]);
    expect(values('a context of 1 million tokens')).toEqual([[1e6, '']]);
    expect(values('a 2$\\times$ gain')).toEqual([[2, 'x']]);
    expect(values('128K context, 7B model')).toEqual([[128000, ''], [7e9, '']]);
  });

  it('skips digits that are part of names', () => {
    expect(values('GPT-4 and Llama-2-7B on GSM8K in FP16 with CIFAR-10')).toEqual([]);
    expect(values('ranges 2-3x')).toEqual([[2, ''], [3, 'x']]);
  });

  it('matches a claim to a source by value, the unit when the claim has one', () => {
    const pool = extractNumbers('FairKV increases throughput by 1.66x and uses 20 layers.');
    expect(numberSupported(extractNumbers('1.66×')[0]!, pool)).toBe(true);
    expect(numberSupported(extractNumbers('1.66 times')[0]!, pool)).toBe(true);
    expect(numberSupported(extractNumbers('20')[0]!, pool)).toBe(true);
    expect(numberSupported(extractNumbers('20%')[0]!, pool)).toBe(false);
    expect(unsupportedNumbers('up to 3.5x faster', ['it is 2x faster']).map((m) => m.raw)).toEqual(['3.5x']);
  });

  it('reads through LaTeX spacing, Unicode minus signs and version numbers', () => {
    expect(values('up to~100x faster')).toEqual([[100, 'x']]);
    expect(values('up to$\\,$100x faster')).toEqual([[100, 'x']]);
    expect(values('Llama\u22122\u22127B and Llama\u20132\u201313B')).toEqual([]);
    expect(values('version 2.0.1 of GPT-3.5/4')).toEqual([[2, '']]);
    expect(values('ratios 1/2 and 3-4')).toEqual([[1, ''], [2, ''], [3, ''], [4, '']]);
    expect(values(`a ${'9'.repeat(400)} digit number`)).toEqual([]);
  });

  it('a bare number in a claim matches the source whatever its unit; equal values despite floating point', () => {
    const pool = extractNumbers('It is 1.66x faster and uses 0.3 of the memory, 1000000 tokens.');
    expect(numberSupported(extractNumbers('1.66')[0]!, pool)).toBe(true);
    expect(numberSupported({ raw: '0.3', value: 0.1 + 0.2, unit: '' }, pool)).toBe(true);
    expect(numberSupported(extractNumbers('1000001')[0]!, pool)).toBe(false);
    expect(numberSupported(extractNumbers('0.31')[0]!, pool)).toBe(false);
    expect(numberSupported({ raw: 'x', value: 1000000.0001, unit: '' }, pool)).toBe(true);
  });
});
