/**
 * `npm run bench:model`: throughput of the model layer against the project's OpenAI-compatible test
 * server (127.0.0.1, no network).
 *
 * 1. Efficiency: N requests, 300 ms server latency, concurrency 8, cache off.
 *    efficiency = (requests x latency) / (wall x concurrency); 1.0 means every slot was busy waiting
 *    on the server the whole time (goal >= 0.9).
 * 2. Goodput under a 20 requests/s server limit (sliding one-second window, 429 + retry-after past it):
 *    successful requests per second as a fraction of the limit (goal >= 90%), with no failed item.
 *
 * Prints the figures; asserts nothing (timing depends on the machine).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { loadConfig } from '../src/config/load.js';
import { createGateway } from '../src/model/create-gateway.js';
import { startOpenAIServer } from '../test/support/openai-server.js';

const LATENCY_MS = 300;
const CONCURRENCY = 8;
const Answer = z.object({ items: z.array(z.object({ id: z.string(), label: z.string() })) });

interface Outcome {
  wallMs: number;
  ok: number;
  failed: number;
  calls: number;
  retries: number;
  /** Requests per second the rate governor settled on (null: unpaced). */
  pace: number | null;
}

async function runScenario(n: number, server: { url: string }, maxRetries: number): Promise<Outcome> {
  const cwd = mkdtempSync(path.join(os.tmpdir(), 'litrev-bench-'));
  try {
    const config = loadConfig({
      cwd,
      flags: { model: 'bench-model', cache: 'off', concurrency: String(CONCURRENCY), 'max-retries': String(maxRetries) },
      env: { OPENAI_BASE_URL: server.url, LITREV_TIMEOUT_MS: '30000' },
    });
    const gw = await createGateway(config);
    // Warm-up outside the measurement: load the clients and open the connection pool.
    await Promise.all(
      Array.from({ length: CONCURRENCY }, (_, i) =>
        gw.structured({ stage: 'warmup', schemaName: 'answer', schema: Answer, messages: [{ role: 'user', content: `warm-up ${i}` }] }),
      ),
    );
    const before = gw.accounting();
    const t0 = performance.now();
    const settled = await Promise.allSettled(
      Array.from({ length: n }, (_, i) =>
        gw.structured({ stage: 'bench', schemaName: 'answer', schema: Answer, messages: [{ role: 'user', content: `request ${i}` }] }),
      ),
    );
    const wallMs = performance.now() - t0;
    const after = gw.accounting();
    await gw.close();
    const ok = settled.filter((s) => s.status === 'fulfilled' && s.value.ok).length;
    return {
      wallMs,
      ok,
      failed: n - ok,
      calls: after.calls - before.calls,
      retries: after.retries - before.retries,
      pace: gw.endpointState?.().rateLimits.pacedPerSecond ?? null,
    };
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
}

async function efficiency(): Promise<void> {
  const n = 160;
  const server = await startOpenAIServer({ latencyMs: LATENCY_MS });
  try {
    const o = await runScenario(n, server, 5);
    const eff = (n * LATENCY_MS) / (o.wallMs * CONCURRENCY);
    console.log(`efficiency: ${n} requests x ${LATENCY_MS} ms at concurrency ${CONCURRENCY}: wall ${(o.wallMs / 1000).toFixed(2)} s, ideal ${((n * LATENCY_MS) / CONCURRENCY / 1000).toFixed(2)} s`);
    console.log(`  efficiency = ${eff.toFixed(3)} (goal >= 0.9)${eff >= 0.9 ? '' : '  BELOW GOAL'}; failed ${o.failed}`);
  } finally {
    await server.close();
  }
}

async function goodput(): Promise<void> {
  const n = 300;
  const limit = 20;
  const server = await startOpenAIServer({ latencyMs: LATENCY_MS, rateLimitPerSecond: limit });
  try {
    const o = await runScenario(n, server, 20);
    const perSecond = o.ok / (o.wallMs / 1000);
    const fraction = perSecond / limit;
    console.log(`goodput under a ${limit} requests/s limit: ${n} requests, ${LATENCY_MS} ms latency, concurrency ${CONCURRENCY}: wall ${(o.wallMs / 1000).toFixed(2)} s`);
    console.log(`  ${perSecond.toFixed(2)} successful requests/s = ${(fraction * 100).toFixed(1)}% of the limit (goal >= 90%)${fraction >= 0.9 ? '' : '  BELOW GOAL'}`);
    console.log(`  failed items ${o.failed}; requests sent ${o.calls} (${o.retries} retried after 429, ${((o.retries / o.calls) * 100).toFixed(1)}% of requests); governor pace ${o.pace ?? 'none'} requests/s`);
  } finally {
    await server.close();
  }
}

await efficiency();
await goodput();
