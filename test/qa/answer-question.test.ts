import { describe, expect, it } from 'vitest';
import type { ChatMessage, ModelGateway, TextRequest } from '../../src/model/types.js';
import { answerQuestion } from '../../src/qa/answer-question.js';
import { loadPrompt } from '../../src/prompts/load-prompts.js';
import { createRetriever } from '../../src/retrieval/create-retriever.js';
import { SMALL_CORPUS } from '../retrieval/make-paper.js';

/** A gateway whose text() streams `reply(messages)` in small pieces. */
function fakeGateway(reply: (messages: ChatMessage[]) => string): ModelGateway & { requests: TextRequest[] } {
  const requests: TextRequest[] = [];
  const none = { calls: 0, cacheHits: 0, promptTokens: 0, completionTokens: 0, costUSD: null, retries: 0, failures: 0, cacheKeys: [] };
  return {
    requests,
    modelName: 'fake',
    endpoint: 'http://fake',
    structured: () => Promise.reject(new Error('not used')),
    async text(request) {
      requests.push(request);
      const text = reply(request.messages);
      for (let i = 0; i < text.length; i += 3) request.onToken?.(text.slice(i, i + 3));
      return { text, cacheKey: 'k', cached: false, usage: { promptTokens: 1, completionTokens: 1 } };
    },
    embed: async () => null,
    accounting: () => none,
    limits: () => ({ contextWindow: null, contextSource: null, maxOutputTokens: null, outputSource: null }),
    countTokens: (messages) => messages.reduce((n, m) => n + Math.ceil(m.content.length / 4), 0),
    tokenCounter: () => (messages) => messages.reduce((n, m) => n + Math.ceil(m.content.length / 4), 0),
    discoverLimits: async () => {},
    onEvent: () => () => {},
    close: async () => {},
  };
}

describe('answerQuestion (model)', () => {
  const retriever = createRetriever(SMALL_CORPUS);

  it('streams the cleaned answer: a made-up key never shows, the final text is what was streamed', async () => {
    const gateway = fakeGateway(() => 'KeepKV merges KV pairs [@keepkv2025] and reduces memory [@invented2099; @keepkv2025].');
    const prompt = await loadPrompt('answer');
    let streamed = '';
    const r = await answerQuestion({ question: 'How does KeepKV save memory?', history: [], retriever, gateway, prompt, onToken: (t) => (streamed += t) });
    expect(streamed).toBe('KeepKV merges KV pairs [@keepkv2025] and reduces memory [@keepkv2025].');
    expect(r.answer).toBe(streamed);
    expect(r.removedKeys).toEqual(['invented2099']);
    expect(r.citations).toEqual([{ key: 'keepkv2025', title: SMALL_CORPUS[0]!.title }]);
    expect(r.engine).toBe('model');
    expect(r.supported).toBe(true);
    expect(r.verification.danglingRemoved).toBe(1);
    expect(gateway.requests[0]?.stage).toBe('answer');
  });

  it('puts the retrieved papers as sources and the conversation into the prompt', async () => {
    const gateway = fakeGateway(() => 'The corpus does not say.');
    const prompt = await loadPrompt('answer');
    const r = await answerQuestion({
      question: 'How much memory does it save?',
      history: [{ question: 'What does KeepKV do to the KV cache?', answer: 'It merges KV pairs [@keepkv2025].' }],
      retriever,
      gateway,
      prompt,
      topK: 2,
    });
    const user = gateway.requests[0]!.messages.find((m) => m.role === 'user')!.content;
    expect(user).toContain('Q: What does KeepKV do to the KV cache?\nA: It merges KV pairs [@keepkv2025].');
    expect(user).toContain('Question: How much memory does it save?');
    expect(user).toContain('<paper id="id-keepkv2025" key="keepkv2025">');
    expect(r.sources[0]?.paper.key).toBe('keepkv2025');
    expect(r.sources.length).toBeLessThanOrEqual(2);
    expect(r.supported).toBe(false);
  });

  it('says the corpus does not say without a request when nothing is retrieved', async () => {
    const gateway = fakeGateway(() => 'should not be asked');
    const prompt = await loadPrompt('answer');
    const r = await answerQuestion({ question: 'boiling mercury', history: [], retriever, gateway, prompt });
    expect(r.answer).toBe('The corpus does not say.');
    expect(gateway.requests).toHaveLength(0);
  });
});
