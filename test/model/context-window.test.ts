import { readdirSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createGateway } from '../../src/model/create-gateway.js';
import { estimateMessagesTokens } from '../../src/model/estimate.js';
import { ContextOverflowError } from '../../src/model/model-errors.js';
import type { ModelEvent } from '../../src/model/types.js';
import { startOpenAIServer, type OpenAIServer, type PublishStyle } from '../support/openai-server.js';
import { promptTokensOf } from '../support/server-model-rules.js';
import { FAST_RETRY, tempDir, testConfig } from './support/gateway-config.js';

let server: OpenAIServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});
const words = (n: number, seed = 'word') => Array.from({ length: n }, (_, i) => `${seed}${i % 97}`).join(' ');
const SENTENCE = 'We propose a sparse attention method that reduces memory use by 40% on long documents while keeping accuracy within one point of dense attention. ';
/** English prose of about `chars` characters, different for each `seed`. */
const prose = (chars: number, seed: number) => `Paper ${seed}. ${SENTENCE.repeat(Math.ceil(chars / SENTENCE.length))}`.slice(0, chars);
const ask = (content: string) => ({ stage: 'synthesize', messages: [{ role: 'system' as const, content: 'Follow the instructions.' }, { role: 'user' as const, content }] });

describe('context windows', () => {
  it('400 mode: the window is learned from the message, the caller gets a ContextOverflowError, and a later oversized prompt is refused before sending', async () => {
    server = await startOpenAIServer({ contextWindow: { tokens: 1000, mode: 'error' } });
    const gw = await createGateway(testConfig({ url: server.url }), { retry: FAST_RETRY });
    const events: ModelEvent[] = [];
    gw.onEvent((e) => events.push(e));
    const err = await gw.text(ask(words(2000))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ContextOverflowError);
    expect(err).toMatchObject({ overflow: 'context', limit: 1000 });
    expect(gw.limits()).toMatchObject({ contextWindow: 1000, contextSource: 'learned' });
    expect(events.find((e) => e.type === 'limits-learned')).toMatchObject({ message: expect.stringContaining("the model's context window is 1000 tokens") });
    await expect(gw.text(ask(words(3000, 'other')))).rejects.toBeInstanceOf(ContextOverflowError);
    expect(server.chatRequests()).toHaveLength(1);
    expect((await gw.text(ask('short'))).text).toMatch(/^Test reply/);
  });

  it('truncate mode (Ollama): a reply from a silently truncated prompt is discarded, never cached, and the window is learned', async () => {
    server = await startOpenAIServer({ contextWindow: { tokens: 1000, mode: 'truncate' } });
    const cwd = tempDir();
    const config = testConfig({ url: server.url, cwd });
    const gw = await createGateway(config, { retry: FAST_RETRY });
    await gw.text(ask(words(100)));
    const events: ModelEvent[] = [];
    gw.onEvent((e) => events.push(e));
    await expect(gw.text(ask(words(3000)))).rejects.toBeInstanceOf(ContextOverflowError);
    expect(server.truncatedPrompts).toBe(1);
    expect(gw.limits().contextWindow).toBeLessThanOrEqual(1000);
    expect(gw.limits().contextSource).toBe('learned');
    expect(events.find((e) => e.type === 'limits-learned')).toMatchObject({ message: expect.stringMatching(/OLLAMA_CONTEXT_LENGTH or num_ctx/) });
    // Only the first (short) reply is in the cache.
    const entries = readdirSync(config.cacheDir, { recursive: true }).filter((f) => String(f).endsWith('.json') && !String(f).includes('capabilities'));
    expect(entries).toHaveLength(1);
  });

  it('truncate mode, 42 long prompts at once: the probe and its companion show the ceiling, so two prompts are cut and the others are refused before sending', async () => {
    server = await startOpenAIServer({ contextWindow: { tokens: 2048, mode: 'truncate' } });
    const gw = await createGateway(testConfig({ url: server.url }), { retry: FAST_RETRY });
    const outcomes = await Promise.allSettled(Array.from({ length: 42 }, (_, i) => gw.text(ask(words(2000 + 40 * i, `p${i}w`)))));
    expect(server.truncatedPrompts).toBe(2);
    expect(server.chatRequests()).toHaveLength(2);
    expect(outcomes.every((o) => o.status === 'rejected' && o.reason instanceof ContextOverflowError)).toBe(true);
    expect(gw.limits()).toMatchObject({ contextWindow: 2048, contextSource: 'learned' });
  });

  it.each([
    ['half the prompts', 'more', 2000, 1.3],
    ['only the largest prompts', 'more', 2600, 1.3],
    ['half the prompts', 'fewer', 1100, 0.7],
    ['only the largest prompts', 'fewer', 1400, 0.7],
  ])('truncate mode, a window that cuts %s, a tokenizer counting 30 percent %s than litrev: at most eight prompts are cut, and no answer used comes from a cut prompt', async (_what, _more, window, ratio) => {
    // The server's count of this text, scaled to `ratio` times litrev's estimate of it.
    const sample = ask(prose(6_000, 0)).messages;
    const tokenScale = (ratio * estimateMessagesTokens(sample)) / promptTokensOf(sample);
    server = await startOpenAIServer({ contextWindow: { tokens: window, mode: 'truncate' }, tokenScale });
    const gw = await createGateway(testConfig({ url: server.url }), { retry: FAST_RETRY });
    // Prompts of English text of about 1,250 to 2,650 estimated tokens, in an order that mixes their sizes.
    const outcomes = await Promise.allSettled(Array.from({ length: 42 }, (_, i) => gw.text(ask(prose(5_000 + 130 * ((i * 17) % 42), i)))));
    expect(server.truncatedPrompts).toBeGreaterThan(0);
    expect(server.truncatedPrompts).toBeLessThanOrEqual(8);
    const answered = outcomes.filter((o) => o.status === 'fulfilled').length;
    const refused = outcomes.filter((o) => o.status === 'rejected' && o.reason instanceof ContextOverflowError).length;
    expect(answered + refused).toBe(42);
    expect(answered).toBeGreaterThan(0);
    // No answer used comes from a cut prompt (whose count would be the window's).
    const used = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value.usage.promptTokens] : []));
    expect(Math.max(...used)).toBeLessThan(window - 1);
    expect(gw.limits().contextSource).toBe('learned');
  });

  it.each(['vllm', 'llamacpp', 'lmstudio', 'ollama'] as PublishStyle[])('reads the window %s publishes before the first request, and refuses a prompt that cannot fit', async (publish) => {
    server = await startOpenAIServer({ publish, publishedWindow: 800 });
    const gw = await createGateway(testConfig({ url: server.url }), { retry: FAST_RETRY });
    expect(gw.limits().contextWindow).toBeNull();
    await gw.text(ask('short'));
    expect(gw.limits()).toMatchObject({ contextWindow: 800, contextSource: 'published' });
    await expect(gw.text(ask(words(3000)))).rejects.toMatchObject({ name: 'ContextOverflowError', limit: 800 });
    expect(server.chatRequests()).toHaveLength(1);
  });

  it('a configured window wins over what the server publishes', async () => {
    server = await startOpenAIServer({ publish: 'vllm', publishedWindow: 800 });
    const gw = await createGateway(testConfig({ url: server.url, env: { LITREV_CONTEXT_WINDOW: '32000' } }), { retry: FAST_RETRY });
    await gw.text(ask('short'));
    expect(gw.limits()).toMatchObject({ contextWindow: 32000, contextSource: 'config' });
  });

  it("countTokens is calibrated against the server's reported usage", async () => {
    server = await startOpenAIServer();
    const gw = await createGateway(testConfig({ url: server.url }), { retry: FAST_RETRY });
    const text = words(400, 'calibration');
    const before = gw.countTokens(ask(text).messages);
    await gw.text(ask(text));
    const after = gw.countTokens(ask(text).messages);
    const reported = Math.ceil(ask(text).messages.reduce((n, m) => n + m.content.length, 0) / 4);
    expect(Math.abs(after - reported * 1.08)).toBeLessThan(Math.abs(before - reported * 1.08));
    expect(after).toBeGreaterThanOrEqual(reported);
  });
});

describe('output caps', () => {
  it('finish_reason length is never used: text() throws, and the cap is learned', async () => {
    server = await startOpenAIServer({ outputCap: { tokens: 5 } });
    const gw = await createGateway(testConfig({ url: server.url }), { retry: FAST_RETRY });
    await expect(gw.text(ask('tell me a long story'))).rejects.toMatchObject({ name: 'ContextOverflowError', overflow: 'output' });
    expect(gw.limits()).toMatchObject({ maxOutputTokens: 5, outputSource: 'learned' });
  });

  it('a reply cut once at a point no limit explains (a model that loops, a flaky proxy) is asked again, and no cap is learned', async () => {
    server = await startOpenAIServer({ handler: (info) => (info.index === 0 ? { content: 'a long answer that loops and loops', truncate: true } : undefined) });
    const gw = await createGateway(testConfig({ url: server.url }), { retry: FAST_RETRY });
    expect((await gw.text(ask('tell me'))).text).toMatch(/^Test reply/);
    expect(server.chatRequests()).toHaveLength(2);
    expect(gw.limits().maxOutputTokens).toBeNull();
  });

  it('replies cut at random points, one in three: every answer is used whole, no cap is learned', async () => {
    server = await startOpenAIServer({ cutShort: { every: 3 }, handler: () => ({ content: 'an answer of some length '.repeat(40) }) });
    const gw = await createGateway(testConfig({ url: server.url }), { retry: FAST_RETRY });
    for (let i = 0; i < 9; i++) expect((await gw.text(ask(`question ${i}`))).text).toBe('an answer of some length '.repeat(40));
    expect(gw.limits().maxOutputTokens).toBeNull();
  });

  it('LITREV_MAX_TOKENS is the configured cap', async () => {
    server = await startOpenAIServer();
    const gw = await createGateway(testConfig({ url: server.url, env: { LITREV_MAX_TOKENS: '700' } }), { retry: FAST_RETRY });
    expect(gw.limits()).toMatchObject({ maxOutputTokens: 700, outputSource: 'config' });
  });

  it('a 400 "max_tokens is too large" lowers the request to the cap the endpoint names, once', async () => {
    server = await startOpenAIServer({ outputCap: { tokens: 300, rejectLarger: true } });
    const gw = await createGateway(testConfig({ url: server.url }), { retry: FAST_RETRY });
    const r = await gw.text({ ...ask('q'), maxTokens: 4000 });
    expect(r.text).toMatch(/^Test reply/);
    expect(server.chatRequests().map((q) => q.body!.max_tokens)).toEqual([4000, 300]);
    expect(gw.limits().maxOutputTokens).toBe(300);
  });
});
