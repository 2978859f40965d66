import { getEncoding } from 'js-tiktoken';
import { describe, expect, it } from 'vitest';
import { estimateCostUSD, estimateMessagesTokens, estimateTokens } from '../../src/model/estimate.js';
import { priceOf } from '../../src/model/prices.js';
import { seededRandom } from '../../src/text/seeded-random.js';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The estimate as first written, with the pieces cut by the regex: the scan must count exactly the same. */
function regexEstimate(text: string): number {
  if (text.length === 0) return 0;
  let tokens = 0;
  for (const piece of text.match(/ ?\p{L}+|\p{N}+| ?[^\s\p{L}\p{N}]+|\s+/gu) ?? []) {
    const body = piece.trimStart();
    if (body.length === 0) tokens += piece.includes('\n') ? piece.split('\n').length - 1 : piece.length > 1 ? 1 : 0;
    else if (/^\p{N}+$/u.test(body)) tokens += Math.ceil(body.length / 3);
    else if (/^\p{Script=Latin}+$/u.test(body)) tokens += body.length <= 10 ? 1 : Math.ceil(body.length / 6);
    else if (/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(body)) tokens += body.length;
    else tokens += Math.ceil(body.length / 3);
  }
  return Math.ceil(tokens * 1.1);
}

/** Characters of every class the pieces tell apart: ASCII, Latin-1 and combining marks, other scripts, CJK, digits of other systems, odd spaces, astral and lone surrogates. */
const PALETTE = [
  ...'abcXYZ019 .,;:-()[]{}"\'\n\t\r\v\f/%+=<>_$#@!?*&~^|`\\',
  'é', 'ß', 'ø', 'ł', 'ª', 'ǅ', 'ʰ', '\u0301', '\u0308', 'µ', '×', '–', '—', '’', '“', '…', '°', '±', '²', '½', '€',
  'α', 'Ω', 'д', 'ж', 'א', 'ع', '٣', 'क', '्', 'ไ', '漢', '字', '〇', 'ひ', 'カ', 'ー', '한', '、', '。', '０', '１', 'Ａ', 'ｚ', 'Ⅻ', 'ⅳ',
  '\u00a0', '\u1680', '\u2003', '\u2028', '\u2029', '\u202f', '\u3000', '\ufeff', '\u200b', '\u001c',
  '𝟘', '𝐀', '😀', '𠀋', '\ud800', '\udc00',
];

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

  it('counts exactly what the regex pieces count, on random text of every class and on the example corpus', () => {
    const random = seededRandom(12);
    for (let n = 0; n < 3000; n++) {
      const length = 1 + Math.floor(random() * 40);
      let text = '';
      for (let i = 0; i < length; i++) text += random() < 0.3 ? ' ' : PALETTE[Math.floor(random() * PALETTE.length)]!;
      expect(estimateTokens(text), JSON.stringify(text)).toBe(regexEstimate(text));
    }
    const corpus = path.resolve(__dirname, '../../examples/corpus');
    for (const file of readdirSync(corpus)) {
      const text = readFileSync(path.join(corpus, file), 'utf8');
      expect(estimateTokens(text), file).toBe(regexEstimate(text));
    }
    for (const text of SAMPLES) expect(estimateTokens(text)).toBe(regexEstimate(text));
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
