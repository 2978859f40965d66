import { describe, expect, it } from 'vitest';
import { extractiveAnswer } from '../../src/qa/extractive-answer.js';
import { createRetriever } from '../../src/retrieval/create-retriever.js';
import { SMALL_CORPUS } from '../retrieval/make-paper.js';

const retriever = createRetriever(SMALL_CORPUS);

async function answer(question: string, context?: string) {
  const hits = await retriever.search(question, 8, { context });
  return extractiveAnswer(question, hits, retriever, context);
}

describe('extractiveAnswer', () => {
  it('quotes the best-matching sentences verbatim, each with its citation', async () => {
    const a = await answer('How much does KeepKV improve inference throughput?');
    expect(a.supported).toBe(true);
    const lines = a.text.split('\n');
    expect(lines[0]).toBe(
      '- "KeepKV reduces memory usage and improves inference throughput by more than 2x with 10% KV cache budgets." [@keepkv2025]',
    );
    for (const line of lines) {
      const m = /^- "(.+)" \[@([\w-]+)\]$/.exec(line);
      expect(m).not.toBeNull();
      const paper = SMALL_CORPUS.find((p) => p.key === m![2]);
      expect(paper?.abstract).toContain(m![1]);
    }
  });

  it('prefers sentences that report numbers when the question asks for a quantity', async () => {
    const hits = await retriever.search('KV cache quantization memory', 8);
    const plain = extractiveAnswer('Which papers quantize the KV cache to save memory?', hits, retriever);
    const quantity = extractiveAnswer('How much memory does KV cache quantization save?', hits, retriever);
    const withNumber = (text: string) => text.split('\n').filter((l) => /\d/.test(l.replace(/\[@[^\]]+\]/g, ''))).length;
    expect(quantity.supported).toBe(true);
    expect(withNumber(quantity.text)).toBeGreaterThanOrEqual(withNumber(plain.text));
    expect(/\d/.test(quantity.text.split('\n')[0]!.replace(/\[@[^\]]+\]/g, ''))).toBe(true);
  });

  it('says the corpus does not say when the question is off-topic', async () => {
    expect((await answer('What is the boiling point of mercury?')).text).toBe('The corpus does not say.');
    const a = await answer('What is the boiling point of mercury?');
    expect(a.supported).toBe(false);
  });

  it('does not answer when only a minor part of the question matches', async () => {
    const a = await answer('Which gardening tools do botanists prefer for pruning roses in winter models?');
    expect(a.supported).toBe(false);
    expect(a.text.startsWith('The corpus does not say.')).toBe(true);
  });

  it('reads a follow-up against the previous question', async () => {
    const a = await answer('How much memory does it use?', 'What does KeepKV do to the KV cache?');
    expect(a.supported).toBe(true);
    expect(a.text.split('\n')[0]).toContain('[@keepkv2025]');
  });

  it('is deterministic', async () => {
    const q = 'numerical reasoning benchmark';
    expect((await answer(q)).text).toBe((await answer(q)).text);
  });
});
