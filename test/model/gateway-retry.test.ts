import { afterEach, describe, expect, it } from 'vitest';
import { AbortedError, BudgetError, ModelFatalError } from '../../src/errors.js';
import { createGateway } from '../../src/model/create-gateway.js';
import type { ModelEvent } from '../../src/model/types.js';
import { startOpenAIServer, type ChatAnswer, type OpenAIServer } from '../support/openai-server.js';
import { FAST_RETRY, testConfig } from './support/gateway-config.js';

const text = (content = 'q') => ({ stage: 'answer', messages: [{ role: 'user' as const, content }] });

/** A handler that answers the given faults first, then normally. */
function faultsThen(faults: ChatAnswer[]) {
  let i = 0;
  return () => faults[i++];
}

let server: OpenAIServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('retries', () => {
  it('honours retry-after-ms on a 429 and then succeeds', async () => {
    server = await startOpenAIServer({ handler: faultsThen([{ status: 429, headers: { 'retry-after-ms': '300' }, error: { message: 'Rate limit', code: 'rate_limit_exceeded' } }]) });
    const gw = await createGateway(testConfig({ url: server.url }), { retry: FAST_RETRY });
    const events: ModelEvent[] = [];
    gw.onEvent((e) => events.push(e));
    const r = await gw.text(text());
    expect(r.text).toMatch(/^Test reply/);
    const [a, b] = server.chatRequests();
    expect(b!.receivedAt - a!.receivedAt).toBeGreaterThanOrEqual(300);
    expect(events.find((e) => e.type === 'retry')).toMatchObject({ reason: expect.stringMatching(/^HTTP 429/), attempt: 2 });
    expect((events.find((e) => e.type === 'retry') as { delayMs: number }).delayMs).toBeGreaterThanOrEqual(300);
    expect(gw.accounting()).toMatchObject({ calls: 2, retries: 1, failures: 0 });
  });

  it('honours retry-after in seconds', async () => {
    server = await startOpenAIServer({ handler: faultsThen([{ status: 429, headers: { 'retry-after': '1' } }]) });
    const gw = await createGateway(testConfig({ url: server.url }), { retry: FAST_RETRY });
    await gw.text(text());
    const [a, b] = server.chatRequests();
    expect(b!.receivedAt - a!.receivedAt).toBeGreaterThanOrEqual(1000);
  });

  it('a 503 with retry-after is retried after the time the server asked for, not the shorter backoff', async () => {
    server = await startOpenAIServer({ handler: faultsThen([{ status: 503, headers: { 'retry-after': '1' }, error: { message: 'The server is overloaded', type: 'server_error' } }]) });
    const gw = await createGateway(testConfig({ url: server.url }), { retry: FAST_RETRY });
    const events: ModelEvent[] = [];
    gw.onEvent((e) => events.push(e));
    expect((await gw.text(text())).text).toMatch(/^Test reply/);
    expect(events.find((e) => e.type === 'retry')).toMatchObject({ reason: 'HTTP 503' });
    expect((events.find((e) => e.type === 'retry') as { delayMs: number }).delayMs).toBeGreaterThanOrEqual(1000);
    const [a, b] = server.chatRequests();
    expect(b!.receivedAt - a!.receivedAt).toBeGreaterThanOrEqual(1000);
    expect(gw.accounting()).toMatchObject({ calls: 2, retries: 1, failures: 0 });
  });

  it.each([500, 502, 503])('retries HTTP %i', async (status) => {
    server = await startOpenAIServer({ handler: faultsThen([{ status }, { status }]) });
    const gw = await createGateway(testConfig({ url: server.url }), { retry: FAST_RETRY });
    expect((await gw.text(text())).text).toMatch(/^Test reply/);
    expect(gw.accounting()).toMatchObject({ calls: 3, retries: 2 });
  });

  it('retries a dropped connection (structured and streaming)', async () => {
    server = await startOpenAIServer({ handler: faultsThen([{ drop: true }, { drop: true }]) });
    const gw = await createGateway(testConfig({ url: server.url }), { retry: FAST_RETRY });
    const tokens: string[] = [];
    const r = await gw.text({ ...text(), onToken: (d) => tokens.push(d) });
    expect(tokens.join('')).toBe(r.text);
    expect(gw.accounting()).toMatchObject({ calls: 3, retries: 2 });
  });

  it('retries a request that times out', async () => {
    server = await startOpenAIServer({ handler: faultsThen([{ delayMs: 5000, content: 'too late' }]) });
    const gw = await createGateway(testConfig({ url: server.url, env: { LITREV_TIMEOUT_MS: '300' } }), { retry: FAST_RETRY });
    const events: ModelEvent[] = [];
    gw.onEvent((e) => events.push(e));
    expect((await gw.text(text())).text).toMatch(/^Test reply/);
    expect(events.find((e) => e.type === 'retry')).toMatchObject({ reason: 'request timed out' });
    expect(gw.accounting().calls).toBe(2);
  });

  it('gives up after max retries with a ModelRequestError, and nothing is cached', async () => {
    server = await startOpenAIServer({ handler: () => ({ status: 503 }) });
    const gw = await createGateway(testConfig({ url: server.url, flags: { 'max-retries': '2' } }), { retry: FAST_RETRY });
    await expect(gw.text(text())).rejects.toMatchObject({ name: 'ModelRequestError', exhausted: true });
    expect(server.chatRequests()).toHaveLength(3);
    expect(gw.accounting()).toMatchObject({ calls: 3, retries: 2, failures: 1 });
  });

  it('a server that refuses connections is fatal after the retries', async () => {
    server = await startOpenAIServer();
    const url = server.url;
    await server.close();
    server = undefined;
    const gw = await createGateway(testConfig({ url, flags: { 'max-retries': '1' } }), { retry: FAST_RETRY });
    await expect(gw.text(text())).rejects.toThrow(/cannot reach/);
  });
});

describe('fatal errors stop at once', () => {
  it.each([
    ['401', { status: 401, error: { message: 'Incorrect API key provided', code: 'invalid_api_key' } }, /rejected the API key/, /OPENAI_API_KEY/],
    ['insufficient_quota', { status: 429, error: { message: 'You exceeded your current quota', type: 'insufficient_quota', code: 'insufficient_quota' } }, /no quota left/, /billing/],
    ['404 model', { status: 404, error: { message: 'The model does not exist', code: 'model_not_found' } }, /model "test-model" not found/, /--model/],
  ] as const)('%s: ModelFatalError with a hint, one request', async (_name, fault, message, hint) => {
    server = await startOpenAIServer({ handler: () => fault });
    const gw = await createGateway(testConfig({ url: server.url }), { retry: FAST_RETRY });
    const p = gw.text(text());
    await expect(p).rejects.toBeInstanceOf(ModelFatalError);
    await expect(p).rejects.toThrow(message);
    await p.catch((e: ModelFatalError) => expect(e.hint).toMatch(hint));
    expect(server.chatRequests()).toHaveLength(1);
    expect(gw.accounting()).toMatchObject({ calls: 1, retries: 0, failures: 1 });
  });

  it('the test server enforces its key: a wrong key is fatal', async () => {
    server = await startOpenAIServer({ apiKey: 'right' });
    const gw = await createGateway(testConfig({ url: server.url, apiKey: 'wrong' }), { retry: FAST_RETRY });
    await expect(gw.text(text())).rejects.toBeInstanceOf(ModelFatalError);
  });
});

describe('concurrency, budget and abort', () => {
  it('429s wait instead of spending the error-retry budget; every request still succeeds', async () => {
    let n = 0;
    server = await startOpenAIServer({ handler: () => (n++ < 6 ? { status: 429, headers: { 'retry-after-ms': '20' } } : undefined) });
    const gw = await createGateway(testConfig({ url: server.url, flags: { concurrency: '8', 'max-retries': '0' } }), { retry: FAST_RETRY });
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => gw.text(text(`q${i}`))));
    expect(results).toHaveLength(12);
    expect(gw.accounting()).toMatchObject({ calls: 18, retries: 6, failures: 0 });
  });

  it('--max-cost: no request starts once the spent cost crossed the budget', async () => {
    server = await startOpenAIServer({ handler: () => ({ content: 'x', usage: { prompt_tokens: 1_000_000, completion_tokens: 0 } }) });
    const gw = await createGateway(testConfig({ url: server.url, flags: { model: 'gpt-4o-mini' } }), { retry: FAST_RETRY, maxCostUSD: 0.2 });
    await gw.text(text('a'));
    await gw.text(text('b'));
    expect(gw.accounting().costUSD).toBeCloseTo(0.3, 10);
    await expect(gw.text(text('c'))).rejects.toBeInstanceOf(BudgetError);
    expect(server.chatRequests()).toHaveLength(2);
    // Cached answers are still served.
    expect((await gw.text(text('a'))).cached).toBe(true);
  });

  it('--max-cost counts the requests in flight: 7 concurrent requests of about $0.01 under a $0.025 budget send 2', async () => {
    // The warm-up request (the request shape's probe) is answered at once; the others are held until every
    // request was either received or refused, so none of them has a cost recorded yet when the next one asks.
    let settle!: () => void;
    const allDecided = new Promise<void>((r) => (settle = r));
    let received = 0;
    let refused = 0;
    const decided = () => received + refused === 7 && settle();
    server = await startOpenAIServer({
      handler: async (info) => {
        if (info.index === 0) return { content: 'warm', usage: { prompt_tokens: 10, completion_tokens: 1 } };
        received++;
        decided();
        await allDecided;
        return { content: 'x', usage: { prompt_tokens: 10, completion_tokens: 1 } };
      },
    });
    const config = testConfig({ url: server.url, flags: { model: 'gpt-4o', concurrency: '8' }, env: { LITREV_MAX_TOKENS: '1000' } });
    const gw = await createGateway(config, { retry: FAST_RETRY, maxCostUSD: 0.025 });
    await gw.text(text('warm'));
    const outcomes = await Promise.allSettled(
      Array.from({ length: 7 }, (_, i) =>
        gw.text(text(`q${i}`)).catch((err: unknown) => {
          refused++;
          decided();
          throw err;
        }),
      ),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(2);
    expect(outcomes.filter((o) => o.status === 'rejected').map((o) => (o as PromiseRejectedResult).reason)).toEqual(Array(5).fill(expect.any(BudgetError)));
    expect(server.chatRequests()).toHaveLength(3);
  });

  it('abort: queued requests and the request already sent reject with AbortedError; nothing half-received is cached', async () => {
    const controller = new AbortController();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    server = await startOpenAIServer({
      handler: async (info) => {
        if (info.index === 0) {
          controller.abort();
          await gate;
        }
        return undefined;
      },
    });
    const config = testConfig({ url: server.url, flags: { concurrency: '1' } });
    const gw = await createGateway(config, { retry: FAST_RETRY, signal: controller.signal });
    const first = gw.text(text('first'));
    const queued = [gw.text(text('second')), gw.text(text('third'))];
    for (const q of queued) await expect(q).rejects.toBeInstanceOf(AbortedError);
    // Ctrl-C and SIGTERM leave at once: the request in flight is aborted too, not waited for.
    await expect(first).rejects.toBeInstanceOf(AbortedError);
    release();
    expect(server.chatRequests()).toHaveLength(1);
    await expect(gw.text(text('fourth'))).rejects.toBeInstanceOf(AbortedError);
    const again = await createGateway(config, { retry: FAST_RETRY });
    const replayed = await again.text(text('first'));
    expect(replayed.cached).toBe(false);
    expect(replayed.text).toMatch(/first/);
  });

  it('abort during a backoff wait stops the retries', async () => {
    const controller = new AbortController();
    server = await startOpenAIServer({
      handler: () => {
        setTimeout(() => controller.abort(), 20);
        return { status: 503 };
      },
    });
    const gw = await createGateway(testConfig({ url: server.url }), { retry: { baseDelayMs: 10_000, maxDelayMs: 10_000 }, signal: controller.signal });
    await expect(gw.text(text())).rejects.toBeInstanceOf(AbortedError);
    expect(server.chatRequests()).toHaveLength(1);
  });
});
