import { afterEach, describe, expect, it } from 'vitest';
import { createGateway } from '../../src/model/create-gateway.js';
import type { ModelEvent } from '../../src/model/types.js';
import { startOpenAIServer, type OpenAIServer } from '../support/openai-server.js';
import { FAST_RETRY, testConfig } from './support/gateway-config.js';

let server: OpenAIServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});
const ask = (content: string) => ({ stage: 'classify', messages: [{ role: 'user' as const, content }] });
const statuses = (s: OpenAIServer) => s.chatRequests().length;

describe('the rate governor', () => {
  it('paces to a token bucket with x-ratelimit headers: every request succeeds, 429s stay rare, no retry budget spent', async () => {
    server = await startOpenAIServer({ rateLimit: { requestsPerSecond: 20, burst: 4 } });
    const gw = await createGateway(testConfig({ url: server.url, flags: { concurrency: '8', 'max-retries': '0' } }), { retry: FAST_RETRY });
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => gw.text(ask(`q${i}`))));
    expect(results).toHaveLength(40);
    const a = gw.accounting();
    expect(a.failures).toBe(0);
    expect(a.calls - 40).toBeLessThanOrEqual(Math.ceil(a.calls / 3));
    expect(gw.endpointState?.().rateLimits).toMatchObject({ limitRequests: 4 });
  });

  it('without rate headers, learns the pace from the 429s (retry-after only)', async () => {
    server = await startOpenAIServer({ rateLimit: { requestsPerSecond: 20, burst: 2, headers: false } });
    const gw = await createGateway(testConfig({ url: server.url, flags: { concurrency: '8', 'max-retries': '0' } }), { retry: FAST_RETRY });
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => gw.text(ask(`r${i}`))));
    expect(results).toHaveLength(40);
    const a = gw.accounting();
    expect(a.failures).toBe(0);
    expect(a.calls - 40).toBeLessThanOrEqual(Math.ceil(a.calls / 3));
  });

  it.each([
    ['999999 seconds', '999999'],
    ['an HTTP date in 2099', 'Fri, 01 Jan 2099 00:00:00 GMT'],
  ])('a retry-after of %s fails that request with the reason and pauses nothing', async (_name, retryAfter) => {
    server = await startOpenAIServer({ handler: (info) => (info.index === 1 ? { status: 429, headers: { 'retry-after': retryAfter } } : undefined) });
    const gw = await createGateway(testConfig({ url: server.url }), { retry: FAST_RETRY });
    await gw.text(ask('first'));
    await expect(gw.text(ask('second'))).rejects.toMatchObject({ name: 'ModelRequestError', exhausted: true, message: expect.stringMatching(/asked to wait .* beyond this request's deadline/) });
    // Nothing was paused: the next request through the same gateway (and endpoint) goes out and gets its answer.
    await expect(gw.text(ask('third'))).resolves.toMatchObject({ text: expect.any(String) });
    expect(statuses(server)).toBe(3);
  });

  it('a 429 wait is announced: "waiting for the rate limit until HH:MM:SS"', async () => {
    let n = 0;
    server = await startOpenAIServer({ handler: () => (n++ === 0 ? { status: 429, headers: { 'retry-after': '1' } } : undefined) });
    const gw = await createGateway(testConfig({ url: server.url }), { retry: FAST_RETRY });
    const events: ModelEvent[] = [];
    gw.onEvent((e) => events.push(e));
    await gw.text(ask('x'));
    const wait = events.find((e) => e.type === 'rate-limit-wait');
    expect(wait).toMatchObject({ type: 'rate-limit-wait', until: expect.any(Number) });
  });

  it('a request deadline shorter than the retry-after fails the request instead of waiting', async () => {
    let n = 0;
    server = await startOpenAIServer({ handler: () => (n++ === 0 ? { status: 429, headers: { 'retry-after': '30' } } : undefined) });
    const gw = await createGateway(testConfig({ url: server.url, env: { LITREV_REQUEST_DEADLINE_MS: '2000' } }), { retry: FAST_RETRY });
    await expect(gw.text(ask('y'))).rejects.toThrow(/deadline/);
  });
});
