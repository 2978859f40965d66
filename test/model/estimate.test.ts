import { getEncoding } from 'js-tiktoken';
import { describe, expect, it } from 'vitest';
import { estimateCostUSD, estimateMessagesTokens, estimateTokens } from '../../src/model/estimate.js';
import { priceOf } from '../../src/model/prices.js';

const SAMPLES = [
  'Large language models (LLMs) have shown remarkable capabilities, but their inference cost grows with the key-value (KV) cache. We propose KVQuant, a 4-bit quantization method that reduces memory by 3.7x while keeping perplexity within 0.1 of the FP16 baseline on LLaMA-2-70B. Experiments on 12 benchmarks show a 2.3x throughput gain.',
  'We study retrieval-augmented generation for scientific question answering. Our system retrieves passages from 1,024 full-text papers and achieves 85.2% precision on LitQA2, outperforming human experts (73.8%).',
  'Les modèles de langage de grande taille posent des défis énergétiques considérables pour l’inférence, en particulier sur les appareils mobiles.',
  '{"items":[{"id":"p1","category":"quantization","claims":[{"text":"reduces memory by 3.7x","quote":"reduces memory by 3.7x"}]}]}',
];

describe('estimateTokens', () => {
  it('is within 20% of the o200k tokenizer on abstracts, JSON and French', () => {
    const enc = getEncoding('o200k_base');
    for (const text of SAMPLES) {
      const real = enc.encode(text).length;
      const est = estimateTokens(text);
      expect(Math.abs(est - real) / real, text.slice(0, 30)).toBeLessThan(0.2);
    }
    const all = SAMPLES.join('\n');
    expect(estimateTokens(all)).toBeGreaterThanOrEqual(enc.encode(all).length * 0.9);
  });

  it('is 0 for empty text and grows with the text', () => {
    expect(estimateTokens('')).toBe(0);
    expect(estimateTokens('word '.repeat(100))).toBeGreaterThan(estimateTokens('word '.repeat(10)));
  });

  it('counts message overhead', () => {
    expect(estimateMessagesTokens([{ role: 'user', content: 'hi' }])).toBeGreaterThan(estimateTokens('hi'));
  });
});

describe('prices', () => {
  it('prices known models and their dated snapshots', () => {
    expect(priceOf('gpt-4o-mini')).toEqual({ input: 0.15, output: 0.6 });
    expect(priceOf('gpt-4o-mini-2024-07-18')).toEqual(priceOf('gpt-4o-mini'));
    expect(priceOf('gpt-4o-2024-08-06')).toEqual(priceOf('gpt-4o'));
    expect(priceOf('gpt-3.5-turbo-0125')).toEqual(priceOf('gpt-3.5-turbo'));
    expect(priceOf('openai/gpt-4.1-mini')).toEqual(priceOf('gpt-4.1-mini'));
  });

  it('has no price for unknown or local models', () => {
    expect(priceOf('llama3.1:8b')).toBeNull();
    expect(priceOf('gpt-4o-mini-custom')).toBeNull();
    expect(estimateCostUSD('qwen2.5', 1000, 1000)).toBeNull();
  });

  it('computes cost per million tokens', () => {
    expect(estimateCostUSD('gpt-4o-mini', 1_000_000, 1_000_000)).toBeCloseTo(0.75, 10);
    expect(estimateCostUSD('gpt-4o', 2000, 500)).toBeCloseTo((2000 * 2.5 + 500 * 10) / 1e6, 12);
  });
});
