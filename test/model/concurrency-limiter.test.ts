import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConcurrencyLimiter, concurrencyBounds } from '../../src/model/concurrency-limiter.js';
import { createGateway } from '../../src/model/create-gateway.js';
import { holdReplies } from '../support/hold-replies.js';
import { startOpenAIServer, type OpenAIServer } from '../support/openai-server.js';
import { FAST_RETRY, tempDir, testConfig } from './support/gateway-config.js';

/**
 * The adaptive limiter fed with the latencies a server of a given capacity gives (a request waits in
 * the server's queue when more are out than it works on at once): no clock, no network.
 */
function serve(limiter: ConcurrencyLimiter, capacity: number, rounds: number, baseMs = 1000): number[] {
  const seen: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const n = limiter.limit;
    seen.push(n);
    // The first wave starts at once (the server works on `capacity`, the rest wait their turn); later
    // requests arrive as others leave, so each waits behind the whole queue.
    for (let i = 0; i < n; i++) {
      const latency = r === 0 ? baseMs * (Math.floor(i / capacity) + 1) : baseMs * Math.max(1, n / capacity);
      limiter.answered('classify', latency, n, true);
    }
  }
  return seen;
}

describe('adaptive concurrency', () => {
  it('without --concurrency: starts at 8 and grows to what a server working on 32 at once takes, no further than its latency allows', () => {
    const limiter = new ConcurrencyLimiter({ ...concurrencyBounds({ concurrency: 8, concurrencyIsDefault: true }), adaptive: true });
    const seen = serve(limiter, 32, 16);
    expect(seen.slice(0, 4)).toEqual([8, 16, 32, 64]);
    // Past 32 the queue shows in the latency: the limit comes back and stays near the capacity.
    expect(seen[4]).toBeLessThan(40);
    expect(Math.max(...seen.slice(4))).toBeLessThanOrEqual(56);
    expect(Math.min(...seen.slice(4))).toBeGreaterThanOrEqual(32);
    const state = limiter.state();
    expect(state).toMatchObject({ adaptive: true, start: 8, ceiling: 64 });
    expect(state.timeline.map((c) => c.limit).slice(0, 4)).toEqual([8, 16, 32, 64]);
  });

  it('a server working on 2 at once: the limit comes down, to half its start at most', () => {
    const limiter = new ConcurrencyLimiter({ start: 8, ceiling: 64, adaptive: true });
    const seen = serve(limiter, 2, 10);
    expect(seen.at(-1)).toBe(4);
    expect(limiter.state().timeline.some((c) => /latency/.test(c.reason))).toBe(true);
  });

  it('--concurrency N is a ceiling, and the start is at most 8', () => {
    expect(concurrencyBounds({ concurrency: 4 })).toEqual({ start: 4, ceiling: 4 });
    expect(concurrencyBounds({ concurrency: 32 })).toEqual({ start: 8, ceiling: 32 });
    const limiter = new ConcurrencyLimiter({ ...concurrencyBounds({ concurrency: 12 }), adaptive: true });
    expect(Math.max(...serve(limiter, 64, 8))).toBe(12);
  });

  it('a 429 or a 5xx cuts the limit by a quarter, once per round of replies', () => {
    const lowered: number[] = [];
    const limiter = new ConcurrencyLimiter({ start: 8, ceiling: 64, adaptive: true }, (limit, _c, down) => down && lowered.push(limit));
    limiter.overloaded('HTTP 429');
    limiter.overloaded('HTTP 429');
    limiter.overloaded('HTTP 503');
    expect(limiter.limit).toBe(6);
    expect(lowered).toEqual([6]);
  });

  it('does not grow while the limit is not used, nor when the rate-limit headers leave no room', () => {
    const idle = new ConcurrencyLimiter({ start: 8, ceiling: 64, adaptive: true });
    for (let i = 0; i < 40; i++) idle.answered('classify', 1000, 2, true);
    expect(idle.limit).toBe(8);
    const headers = new ConcurrencyLimiter({ start: 8, ceiling: 64, adaptive: true });
    for (let i = 0; i < 40; i++) headers.answered('classify', 1000, 8, false);
    expect(headers.limit).toBe(8);
  });

  it('latency is compared within a stage: a slower kind of request is not congestion', () => {
    const limiter = new ConcurrencyLimiter({ start: 8, ceiling: 64, adaptive: true });
    for (let i = 0; i < 8; i++) limiter.answered('screen', 200, 8, true);
    expect(limiter.limit).toBe(16);
    for (let i = 0; i < 16; i++) limiter.answered('classify', 3000, 16, true);
    expect(limiter.limit).toBe(32);
  });

  it('the reply of a request probing the shape alone, with the others waiting behind it, is a round: the first wave is twice the start, and probes add no more', () => {
    const limiter = new ConcurrencyLimiter({ start: 8, ceiling: 64, adaptive: true });
    limiter.answered('classify', 1000, 1, true, { waiting: 41, othersOut: 0 });
    expect(limiter.limit).toBe(16);
    // A second and third probe (the shape was adapted) show nothing about more requests at once.
    limiter.answered('classify', 1000, 1, true, { waiting: 40, othersOut: 0 });
    limiter.answered('classify', 1000, 1, true, { waiting: 39, othersOut: 0 });
    expect(limiter.limit).toBe(16);
    // A probe later in the run (a shape adapted), slower than the stage's fastest reply: one reply cuts nothing.
    limiter.answered('classify', 4000, 1, true, { waiting: 20, othersOut: 0 });
    expect(limiter.limit).toBe(16);
    // A lone request nobody waits for (a question in chat) is no round.
    const alone = new ConcurrencyLimiter({ start: 8, ceiling: 64, adaptive: true });
    for (let i = 0; i < 5; i++) alone.answered('answer', 1000, 1, true, { waiting: 0, othersOut: 0 });
    expect(alone.limit).toBe(8);
  });

  it('after growing, comes down on rising latency, a 5xx and a 429', () => {
    const limiter = new ConcurrencyLimiter({ start: 8, ceiling: 64, adaptive: true });
    limiter.answered('classify', 1000, 1, true, { waiting: 41, othersOut: 0 });
    for (let i = 0; i < 16; i++) limiter.answered('classify', 1000, 16, true, { waiting: 25 });
    expect(limiter.limit).toBe(32);
    // 32 out against a server working on 8: a round waits four times as long.
    for (let i = 0; i < 32; i++) limiter.answered('classify', 4000, 32, true, { waiting: 10 });
    expect(limiter.limit).toBe(16);
    limiter.overloaded('HTTP 503 from the endpoint');
    expect(limiter.limit).toBe(12);
    for (let i = 0; i < 12; i++) limiter.answered('classify', 1000, 12, true, { waiting: 10 });
    limiter.overloaded('HTTP 429 from the endpoint');
    expect(limiter.limit).toBeLessThan(12);
    expect(limiter.state().timeline.map((c) => c.reason)).toEqual(expect.arrayContaining([expect.stringMatching(/^latency 3\.\dx/), 'HTTP 503 from the endpoint', 'HTTP 429 from the endpoint']));
  });
});

describe('adaptive concurrency through the gateway', () => {
  let server: OpenAIServer | undefined;
  const dirs: string[] = [];
  afterEach(async () => {
    await server?.close();
    server = undefined;
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  /**
   * 42 requests at once through a fresh gateway (`content(i)`: request i's prompt); the server answers
   * the first `probes` requests once they are all in, then nothing until `wave` more are in. Returns
   * the most requests the server held at once after the probes, and the limit when the first of them
   * arrived (the probes' round was closed by then).
   */
  async function firstWaveAfterProbe(wave: number, env: Record<string, string>, content: (i: number) => string = (i) => `batch ${i}`, probes = 1) {
    const first = holdReplies(probes);
    const later = holdReplies(wave);
    let n = 0;
    let held = 0;
    let most = 0;
    let limitAfterProbe: number | undefined;
    let inWhenProbesAnswered: number | undefined;
    let gw: Awaited<ReturnType<typeof createGateway>> | undefined;
    const s = await startOpenAIServer({
      handler: async (info) => {
        if (n++ < probes) {
          await first(info);
          inWhenProbesAnswered ??= n;
          return undefined;
        }
        limitAfterProbe ??= gw?.endpointState?.().concurrency?.limit;
        most = Math.max(most, ++held);
        try {
          return await later(info);
        } finally {
          held--;
        }
      },
    });
    server = s;
    const cwd = tempDir();
    dirs.push(cwd);
    const gateway = await createGateway(testConfig({ url: s.url, cwd, env }), { retry: FAST_RETRY });
    gw = gateway;
    const Answer = z.object({ label: z.string() });
    const results = await Promise.all(
      Array.from({ length: 42 }, (_, i) => gateway.structured({ stage: 'classify', schemaName: 'answer', schema: Answer, messages: [{ role: 'user' as const, content: content(i) }], maxTokens: 500 })),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    const timeline = gateway.endpointState?.().concurrency?.timeline ?? [];
    await gateway.close();
    return { wave: most, limitAfterProbe, timeline, inWhenProbesAnswered };
  }

  it('with the context window known, the requests that waited for the shape probe go out sixteen at once, and run state records why', async () => {
    const { wave, limitAfterProbe, timeline } = await firstWaveAfterProbe(16, { LITREV_CONTEXT_WINDOW: '32768' });
    expect(limitAfterProbe).toBe(16);
    expect(wave).toBe(16);
    expect(timeline.slice(0, 2)).toMatchObject([{ limit: 8 }, { limit: 16, reason: 'latency flat' }]);
  });

  it('with the window unknown, prompts too small for any window to cut wait for the probe alone, then go out sixteen at once', async () => {
    const { wave, limitAfterProbe, inWhenProbesAnswered } = await firstWaveAfterProbe(16, {});
    expect(inWhenProbesAnswered).toBe(1);
    expect(limitAfterProbe).toBe(16);
    expect(wave).toBe(16);
  });

  it('with the window unknown, a large prompt probes with one companion; prompts within what the server was seen to read then go out sixteen at once', async () => {
    // Request 0 is the largest prompt and request 1 a clearly smaller one: their counts show the server read both whole.
    const text = (chars: number, i: number) => `paper ${i}: ${'abstract text '.repeat(Math.ceil(chars / 14))}`.slice(0, chars);
    const content = (i: number) => text(i === 0 ? 16_000 : i === 1 ? 12_000 : 12_500 + (i % 5) * 600, i);
    const { wave, limitAfterProbe, inWhenProbesAnswered } = await firstWaveAfterProbe(16, {}, content, 2);
    expect(inWhenProbesAnswered).toBe(2);
    expect(limitAfterProbe).toBe(16);
    expect(wave).toBe(16);
  });
});
