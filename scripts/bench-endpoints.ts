/**
 * `npm run bench:endpoints`: a review of the example corpus (411 papers) against the project's test
 * server behaving like real endpoints do, one behaviour at a time, each against an oracle run that
 * knows the limits beforehand (configured window/cap, a capability file with the accepted
 * parameters and method, no rate limit, no faults). Prints, per behaviour: exit code, papers
 * annotated, requests, wasted requests and wasted prompt tokens (beyond the oracle's), 429s, wall
 * time. Goals: 0 papers lost, exit 0 (the dead server: exit 2 within 10 s), wasted requests at most
 * one concurrency wave per limit learned, goodput >= 90% of a rate limit with 429s <= 1/3 of requests.
 *
 * Only 127.0.0.1; asserts nothing (the figures go to the README).
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fakeReviewer } from '../test/support/fake-reviewer.js';
import { startOpenAIServer, unreachableURL, type ChatAnswer, type ChatHandler, type OpenAIServerOptions } from '../test/support/openai-server.js';
import { runCli } from '../test/support/run-cli.js';

const CORPUS = path.resolve(import.meta.dirname, '../examples/corpus');
const CONCURRENCY = 8;

interface Scenario {
  name: string;
  server: OpenAIServerOptions;
  /** What the oracle knows: env settings and a capability record, on a server without the behaviour. */
  oracle: { server?: OpenAIServerOptions; env?: Record<string, string>; capability?: Record<string, unknown> };
  /** Requests/s limit, for goodput. */
  rate?: number;
}

/** Every 17th request a 503, every 23rd a dropped connection, every 29th truncated JSON. */
function faulty(base: ChatHandler): ChatHandler {
  return (info) => {
    const n = info.index + 1;
    if (n % 17 === 0) return { status: 503, error: { message: 'overloaded', type: 'server_error' } };
    if (n % 23 === 0) return { drop: true };
    if (n % 29 === 0) return { content: '{"items": [{"id": ' } satisfies ChatAnswer;
    return base(info);
  };
}

const SCENARIOS: Scenario[] = [
  { name: 'rate limit 4 req/s, 429 + retry-after', server: { rateLimit: { requestsPerSecond: 4, headers: false } }, oracle: {}, rate: 4 },
  { name: 'rate limit 20 req/s with x-ratelimit headers', server: { rateLimit: { requestsPerSecond: 20, burst: 20 } }, oracle: {}, rate: 20 },
  { name: '20 req/s + 5xx, resets, truncated JSON', server: { rateLimit: { requestsPerSecond: 20, headers: false } }, oracle: {}, rate: 20 },
  { name: 'context 4096, truncates silently (Ollama)', server: { contextWindow: { tokens: 4096, mode: 'truncate' } }, oracle: { env: { LITREV_CONTEXT_WINDOW: '4096' } } },
  { name: 'context 4096, 400 (vLLM, OpenAI)', server: { contextWindow: { tokens: 4096, mode: 'error' } }, oracle: { env: { LITREV_CONTEXT_WINDOW: '4096' } } },
  { name: 'context 4096 published by vLLM', server: { contextWindow: { tokens: 4096, mode: 'error' }, publish: 'vllm' }, oracle: { env: { LITREV_CONTEXT_WINDOW: '4096' } } },
  {
    name: 'reasoning model: 400 temperature/max_tokens',
    server: { reasoning: true },
    oracle: { capability: { method: 'json_schema', methods: { json_schema: true }, params: { tokensField: 'max_completion_tokens', temperature: false, seed: true } } },
  },
  { name: 'no json_schema (400)', server: { supports: { jsonSchema: false } }, oracle: { capability: { method: 'function_calling', methods: { json_schema: false, function_calling: true } } } },
  {
    name: 'json_schema accepted and ignored (Anthropic compatibility)',
    server: { ignoreResponseFormat: true },
    oracle: { capability: { method: 'function_calling', methods: { json_schema: false, function_calling: true } } },
  },
  { name: 'reasoning model thinks aloud (<think> before the JSON)', server: { thinking: true }, oracle: {} },
  { name: 'replies capped at 1024 tokens', server: { outputCap: { tokens: 1024 } }, oracle: { env: { LITREV_MAX_TOKENS: '1024' } } },
  { name: 'malformed 200 every 13th reply', server: { malformed: { kind: 'html', every: 13 } }, oracle: {} },
];

interface Outcome {
  code: number;
  annotated: number;
  papers: number;
  requests: number;
  promptTokens: number;
  rateLimited: number;
  wallMs: number;
  message: string;
}

async function review(url: string, env: Record<string, string>, capability: Record<string, unknown> | undefined, server: { chatRequests(): { body: Record<string, unknown> | null }[] } | null): Promise<Outcome> {
  const cwd = mkdtempSync(path.join(os.tmpdir(), 'litrev-bench-endpoints-'));
  if (capability) {
    mkdirSync(path.join(cwd, 'cache'), { recursive: true });
    const record = { checkedAt: new Date().toISOString(), source: 'doctor', ...capability };
    writeFileSync(path.join(cwd, 'cache', 'capabilities.json'), JSON.stringify({ version: 1, endpoints: { [`${url} test-model`]: record } }));
  }
  const saved = { ...process.env };
  Object.assign(process.env, { LITREV_EMBEDDING_MODEL: '', ...env });
  const t0 = performance.now();
  try {
    const r = await runCli(['review', CORPUS, '--base-url', url, '--model', 'test-model', '--concurrency', String(CONCURRENCY), '--json', '--out', 'out'], { cwd });
    const wallMs = performance.now() - t0;
    let summary: { annotated?: number; papers?: number } = {};
    try {
      summary = JSON.parse(r.stdout.trim().split('\n').at(-1) ?? '{}');
    } catch {
      summary = {};
    }
    let rateLimited = 0;
    try {
      rateLimited = JSON.parse(readFileSync(path.join(cwd, 'out', 'run.json'), 'utf8')).limits?.rateLimits?.rateLimited ?? 0;
    } catch {
      rateLimited = 0;
    }
    const chats = server?.chatRequests() ?? [];
    const promptTokens = chats.reduce((n, q) => n + Math.ceil(((q.body?.messages as { content: string }[] | undefined) ?? []).reduce((c, m) => c + String(m.content).length, 0) / 4), 0);
    return { code: r.code, annotated: summary.annotated ?? 0, papers: summary.papers ?? 411, requests: chats.length, promptTokens, rateLimited, wallMs, message: r.stderr.trim().split('\n')[0] ?? '' };
  } finally {
    process.env = saved;
  }
}

function row(cells: (string | number)[]): string {
  return `| ${cells.join(' | ')} |`;
}

console.log(row(['behaviour', 'exit', 'annotated', 'requests', 'oracle', 'wasted requests', 'wasted prompt tokens', '429s', 'wall s', 'goodput']));
console.log(row(Array(10).fill('---')));
for (const s of SCENARIOS) {
  const handler = s.name.includes('5xx') ? faulty(fakeReviewer()) : fakeReviewer();
  const server = await startOpenAIServer({ ...s.server, handler });
  const oracleServer = await startOpenAIServer({ ...(s.oracle.server ?? {}), handler: fakeReviewer() });
  try {
    const o = await review(server.url, {}, undefined, server);
    const k = await review(oracleServer.url, s.oracle.env ?? {}, s.oracle.capability, oracleServer);
    const goodput = s.rate ? `${((o.requests - o.rateLimited) / (o.wallMs / 1000) / s.rate * 100).toFixed(0)}% of ${s.rate}/s` : '';
    console.log(
      row([s.name, o.code, `${o.annotated}/${o.papers}`, o.requests, k.requests, o.requests - k.requests, o.promptTokens - k.promptTokens, o.rateLimited, (o.wallMs / 1000).toFixed(1), goodput]) +
        (o.code === 0 ? '' : ` ${o.message}`),
    );
  } finally {
    await server.close();
    await oracleServer.close();
  }
}
const dead = await unreachableURL();
const d = await review(dead, {}, undefined, null);
console.log(row(['server down (connection refused)', d.code, `${d.annotated}/${d.papers}`, '-', '-', '-', '-', '-', (d.wallMs / 1000).toFixed(1), '']) + ` ${d.message}`);
