import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { BudgetError } from '../../src/errors.js';
import { createGateway } from '../../src/model/create-gateway.js';
import { CONTENT_RETRIES } from '../../src/model/fetch-chat.js';
import type { ModelEvent } from '../../src/model/types.js';
import { createServer, request } from 'node:http';
import { REFUSED_PORT_URL, startOpenAIServer, unreachableURL, type MalformedKind, type OpenAIServer } from '../support/openai-server.js';
import { closedPortURL } from '../support/ports.js';
import { FAST_RETRY, tempDir, testConfig } from './support/gateway-config.js';

let server: OpenAIServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});
const ask = (content: string) => ({ stage: 'classify', messages: [{ role: 'user' as const, content }] });

describe('a dead endpoint stops fast', () => {
  it('connection refused: every request rejects with one fatal "cannot reach ...: run `litrev doctor`" at once', async () => {
    const url = await unreachableURL();
    const gw = await createGateway(testConfig({ url, flags: { concurrency: '8' } }), { retry: FAST_RETRY });
    const all = await Promise.allSettled(Array.from({ length: 30 }, (_, i) => gw.text(ask(`p${i}`))));
    const reasons = all.map((r) => (r.status === 'rejected' ? (r.reason as Error) : null));
    expect(reasons.every((e) => e?.name === 'ModelFatalError')).toBe(true);
    expect(reasons[0]!.message).toMatch(/^cannot reach http:\/\/127\.0\.0\.1:\d+\/v1: connection error \(ECONNREFUSED\): run `litrev doctor`/);
    expect((reasons[0] as unknown as { exitCode: number }).exitCode).toBe(2);
    // Far fewer attempts than requests: the first failures mark it dead.
    expect(gw.accounting().calls).toBeLessThan(15);
  });

  it('every request timing out with no success: stops after one wave of timeouts', async () => {
    server = await startOpenAIServer({ handler: () => ({ hang: true }) });
    const gw = await createGateway(testConfig({ url: server.url, env: { LITREV_TIMEOUT_MS: '300' }, flags: { concurrency: '4' } }), { retry: FAST_RETRY });
    const all = await Promise.allSettled(Array.from({ length: 12 }, (_, i) => gw.text(ask(`t${i}`))));
    expect(all.every((r) => r.status === 'rejected' && (r.reason as Error).name === 'ModelFatalError')).toBe(true);
    // One wave: the requests in flight when the third timeout came, not a timeout per request and retry.
    expect(gw.accounting().calls).toBeLessThan(12);
  });

  describe('an endpoint that answered, then died mid-run', () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    it('is judged dead once its connections were refused in a row with no answer for 30 s: the wave ends on one fatal "cannot reach"', async () => {
      // Only the clock is fake (sockets and backoff timers are real): the 30 s without an answer pass at once.
      vi.useFakeTimers({ toFake: ['Date'] });
      server = await startOpenAIServer();
      const gw = await createGateway(testConfig({ url: server.url, flags: { concurrency: '2', 'max-retries': '3' } }), { retry: FAST_RETRY });
      await gw.text(ask('answered'));
      await server.close();
      server = undefined;
      vi.setSystemTime(Date.now() + 31_000);
      const all = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => gw.text(ask(`after ${i}`))));
      const reasons = all.map((r) => (r.status === 'rejected' ? (r.reason as Error) : null));
      expect(reasons.every((e) => e !== null)).toBe(true);
      expect(reasons.at(-1)).toMatchObject({ name: 'ModelFatalError', message: expect.stringMatching(/^cannot reach http:\/\/127\.0\.0\.1:\d+\/v1: connection error \(ECONNREFUSED\)/) });
    });

    it('is not judged dead by a blip: refused connections right after an answer fail those requests only', async () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      server = await startOpenAIServer();
      const gw = await createGateway(testConfig({ url: server.url, flags: { concurrency: '2', 'max-retries': '3' } }), { retry: FAST_RETRY });
      await gw.text(ask('answered'));
      await server.close();
      server = undefined;
      const all = await Promise.allSettled(Array.from({ length: 6 }, (_, i) => gw.text(ask(`blip ${i}`))));
      expect(all.map((r) => (r.status === 'rejected' ? (r.reason as Error).name : 'ok'))).toEqual(Array(6).fill('ModelRequestError'));
    });
  });
});

describe('a dead verdict belongs to one gateway and one turn', () => {
  it('a port fetch refuses outright is a configuration error before any request: exit 2', () => {
    let err: (Error & { exitCode?: number }) | undefined;
    try {
      testConfig({ url: REFUSED_PORT_URL });
    } catch (e) {
      err = e as Error & { exitCode?: number };
    }
    expect(err).toMatchObject({ name: 'ConfigError', exitCode: 2, message: expect.stringMatching(/names port 9, which fetch refuses/) });
  });

  it('a local server restarted after the verdict: the next request (a later chat turn) tries again and is answered', async () => {
    // A port of this test's own: it listens there later, which must not answer another test's unreachable address.
    const url = await closedPortURL();
    const gw = await createGateway(testConfig({ url }), { retry: FAST_RETRY });
    await expect(gw.text(ask('first turn'))).rejects.toMatchObject({ name: 'ModelFatalError' });
    server = await startOpenAIServer();
    const target = new URL(server.url);
    // The server comes back on the dead address: a relay on that port to the test server.
    const relay = createServer((req, res) => {
      const out = request({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers }, (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      });
      req.pipe(out);
    });
    await new Promise<void>((resolve) => relay.listen(Number(new URL(url).port), '127.0.0.1', resolve));
    try {
      expect((await gw.text(ask('second turn'))).text).toMatch(/^Test reply/);
      // Another gateway for the same address never saw the verdict.
      const other = await createGateway(testConfig({ url }), { retry: FAST_RETRY });
      expect((await other.text(ask('another run'))).text).toMatch(/^Test reply/);
    } finally {
      relay.closeAllConnections();
      await new Promise<void>((resolve) => relay.close(() => resolve()));
    }
  });
});

describe('malformed 200 replies are transient', () => {
  it.each(['html', 'empty', 'non-json', 'no-choices'] as MalformedKind[])('%s: retried, then the answer is used', async (kind) => {
    server = await startOpenAIServer({ malformed: { kind, count: 2 } });
    const gw = await createGateway(testConfig({ url: server.url }), { retry: FAST_RETRY });
    const events: ModelEvent[] = [];
    gw.onEvent((e) => events.push(e));
    expect((await gw.text(ask('m'))).text).toMatch(/^Test reply/);
    expect(events.filter((e) => e.type === 'retry')).toHaveLength(2);
    expect(events.find((e) => e.type === 'retry')).toMatchObject({ reason: expect.stringMatching(/^malformed reply/) });
  });

  it('always malformed: the request fails for good with the reason (recorded against its papers), never a crash', async () => {
    server = await startOpenAIServer({ malformed: { kind: 'html' } });
    const gw = await createGateway(testConfig({ url: server.url, flags: { 'max-retries': '2' } }), { retry: FAST_RETRY });
    const S = z.object({ items: z.array(z.object({ id: z.string() })) });
    await expect(gw.structured({ stage: 'classify', schemaName: 's', schema: S, messages: [{ role: 'user', content: 'x' }] })).rejects.toMatchObject({
      name: 'ModelRequestError',
      exhausted: true,
      message: expect.stringMatching(/malformed reply: the endpoint answered 200 with an HTML page/),
    });
  });
});

describe('the cost guard cannot be fooled', () => {
  it('negative usage: litrev counts its own estimate, warns, caches the entry marked estimated, and replay works', async () => {
    server = await startOpenAIServer({ handler: () => ({ content: 'an answer', usage: { prompt_tokens: -5_000_000, completion_tokens: 3 } }) });
    const cwd = tempDir();
    const gw = await createGateway(testConfig({ url: server.url, cwd, flags: { model: 'gpt-4o-mini' } }), { retry: FAST_RETRY });
    const events: ModelEvent[] = [];
    gw.onEvent((e) => events.push(e));
    const r = await gw.text(ask('the question'));
    expect(r.usage.promptTokens).toBeGreaterThan(0);
    expect(gw.accounting().costUSD).toBeGreaterThan(0);
    expect(events.find((e) => e.type === 'warning')).toMatchObject({ message: expect.stringContaining('non-negative integers') });
    const replay = await createGateway(testConfig({ url: server.url, cwd, flags: { model: 'gpt-4o-mini', cache: 'replay' } }), { retry: FAST_RETRY });
    expect(await replay.text(ask('the question'))).toMatchObject({ text: 'an answer', cached: true });
  });

  it("each request's estimated cost is checked against the remaining budget before it is sent", async () => {
    server = await startOpenAIServer();
    const gw = await createGateway(testConfig({ url: server.url, flags: { model: 'gpt-4o' } }), { retry: FAST_RETRY, maxCostUSD: 0.01 });
    // About 12,000 prompt tokens at $2.50/M is $0.03: over the budget before anything was spent.
    await expect(gw.text(ask('word '.repeat(12_000)))).rejects.toBeInstanceOf(BudgetError);
    expect(server.chatRequests()).toHaveLength(0);
    expect((await gw.text(ask('small'))).text).toMatch(/^Test reply/);
  });

  it('a reply far larger than the output asked for is rejected unread, asked again a bounded number of times, then left to the caller to split', async () => {
    server = await startOpenAIServer({ handler: () => ({ content: 'x'.repeat(3_000_000) }) });
    const gw = await createGateway(testConfig({ url: server.url }), { retry: FAST_RETRY });
    await expect(gw.text(ask('q'))).rejects.toMatchObject({ name: 'ModelRequestError', exhausted: false, message: expect.stringMatching(/larger than \d+ bytes/) });
    expect(server.chatRequests()).toHaveLength(1 + CONTENT_RETRIES);
  });

  it('a runaway reply now and then (a broken proxy): asked again, and the next reply is used', async () => {
    server = await startOpenAIServer({ handler: (info) => (info.index === 0 ? { content: 'x'.repeat(10_000_000) } : undefined) });
    const gw = await createGateway(testConfig({ url: server.url }), { retry: FAST_RETRY });
    expect((await gw.text(ask('q'))).text).toMatch(/^Test reply/);
    expect(server.chatRequests()).toHaveLength(2);
  });
});
