/**
 * `npm run bench:endpoints`: a review of the example corpus (411 papers) against the project's test
 * server behaving like real endpoints do, one behaviour at a time, each against an oracle run that
 * knows the limits beforehand (configured window/cap, a capability file with the accepted
 * parameters and method, no rate limit, no faults). Prints, per behaviour: exit code, papers
 * annotated, requests, wasted requests and wasted prompt tokens (beyond the oracle's), 429s, wall
 * time, and the requests as a ratio of the oracle's. Goals: 0 papers lost, exit 0 (the dead server
 * and the refused port: exit 2 within 10 s), wasted requests at most one concurrency wave per limit
 * learned, goodput >= 90% of a rate limit with 429s <= 1/3 of requests, a fault storm within 1.5x
 * the oracle's requests.
 *
 * Then the capacity table: a server that works on 2, 8 or 32 requests at once at 1 s each (the rest
 * wait in its queue), publishing nothing, and at 32 once more publishing its context window as vLLM
 * does; the adaptive default against `--concurrency 8` in the same run (wall time ratio; goal: at
 * most 0.7 at 32, nothing lost at 2).
 *
 * Runs use the default (adaptive) concurrency. `npm run bench:endpoints -- WORD` runs only the rows whose name holds
 * WORD ("capacity" for the capacity table). Only 127.0.0.1; asserts nothing (the figures go to docs/endpoints.md).
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fakeReviewer } from '../test/support/fake-reviewer.js';
import { REFUSED_PORT_URL, startOpenAIServer, unreachableURL, type ChatAnswer, type ChatHandler, type OpenAIServerOptions } from '../test/support/openai-server.js';
import { runCli } from '../test/support/run-cli.js';

const CORPUS = path.resolve(import.meta.dirname, '../examples/corpus');
/** The test server counts ceil(chars / 4), about 1.16 times litrev's estimate on this corpus: this makes it 13% more than the estimate. */
const PLUS_13_PERCENT = 1.13 / 1.16;

interface Scenario {
  name: string;
  server: OpenAIServerOptions;
  /** What the oracle knows: env settings and a capability record, on a server without the behaviour. */
  oracle: { server?: OpenAIServerOptions; env?: Record<string, string>; capability?: Record<string, unknown> };
  /** Requests/s limit, for goodput. */
  rate?: number;
}

/** Every 17th request a 503, every 23rd a dropped connection, every 29th truncated JSON, every 31st an invented id (with `ids`). */
function faulty(base: ChatHandler, ids = false): ChatHandler {
  return async (info) => {
    const n = info.index + 1;
    if (n % 17 === 0) return { status: 503, error: { message: 'overloaded', type: 'server_error' } };
    if (n % 23 === 0) return { drop: true };
    if (n % 29 === 0) return { content: '{"items": [{"id": ' } satisfies ChatAnswer;
    const answer = await base(info);
    const items = answer && 'json' in answer ? (answer.json as { items?: { id: string }[] } | undefined)?.items : undefined;
    if (ids && n % 31 === 0 && Array.isArray(items) && items.length > 0) return { ...answer, json: { ...(answer as { json: object }).json, items: [{ ...items[0]!, id: `${items[0]!.id}-invented` }, ...items.slice(1)] } };
    return answer;
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
  {
    name: 'context 4096, truncates silently, tokenizer counts 13% more (Ollama)',
    server: { contextWindow: { tokens: 4096, mode: 'truncate' }, tokenScale: PLUS_13_PERCENT },
    oracle: { env: { LITREV_CONTEXT_WINDOW: '3600' } },
  },
  { name: 'fault storm: 1 in 10 cut short (length), 5xx, resets, bad JSON, invented ids', server: { cutShort: { every: 10 } }, oracle: {} },
  { name: '1 reply in 20 of 10 MB', server: { huge: { every: 20 } }, oracle: {} },
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
  /** The concurrency limit over the run (run.json), its distinct values in order. */
  limits: string;
}

async function review(
  url: string,
  env: Record<string, string>,
  capability: Record<string, unknown> | undefined,
  server: { chatRequests(): { body: Record<string, unknown> | null }[] } | null,
  flags: string[] = [],
): Promise<Outcome> {
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
    const r = await runCli(['review', CORPUS, '--base-url', url, '--model', 'test-model', ...flags, '--json', '--out', 'out'], { cwd });
    const wallMs = performance.now() - t0;
    let summary: { annotated?: number; papers?: number } = {};
    try {
      summary = JSON.parse(r.stdout.trim().split('\n').at(-1) ?? '{}');
    } catch {
      summary = {};
    }
    let rateLimited = 0;
    let limits = '';
    try {
      const state = JSON.parse(readFileSync(path.join(cwd, 'out', 'run.json'), 'utf8')).limits;
      rateLimited = state?.rateLimits?.rateLimited ?? 0;
      const timeline: { limit: number }[] = state?.concurrency?.timeline ?? [];
      const values = timeline.map((c) => c.limit);
      limits = values.length > 12 ? `${values.slice(0, 6).join(' → ')} … ${values.at(-1)} (max ${Math.max(...values)})` : values.join(' → ');
    } catch {
      rateLimited = 0;
    }
    const chats = server?.chatRequests() ?? [];
    const promptTokens = chats.reduce((n, q) => n + Math.ceil(((q.body?.messages as { content: string }[] | undefined) ?? []).reduce((c, m) => c + String(m.content).length, 0) / 4), 0);
    return { code: r.code, annotated: summary.annotated ?? 0, papers: summary.papers ?? 411, requests: chats.length, promptTokens, rateLimited, wallMs, message: r.stderr.trim().split('\n')[0] ?? '', limits };
  } finally {
    process.env = saved;
  }
}

function row(cells: (string | number)[]): string {
  return `| ${cells.join(' | ')} |`;
}

console.log(row(['behaviour', 'exit', 'annotated', 'requests', 'oracle', 'requests / oracle', 'wasted requests', 'wasted prompt tokens', '429s', 'wall s', 'goodput / notes']));
console.log(row(Array(11).fill('---')));
const only = process.argv[2]?.toLowerCase();
const wanted = (name: string) => only === undefined || name.toLowerCase().includes(only);
for (const s of SCENARIOS.filter((x) => wanted(x.name))) {
  const handler = /5xx/.test(s.name) ? faulty(fakeReviewer(), /invented/.test(s.name)) : fakeReviewer();
  const server = await startOpenAIServer({ ...s.server, handler });
  const oracleServer = await startOpenAIServer({ ...(s.oracle.server ?? {}), handler: fakeReviewer() });
  try {
    const o = await review(server.url, {}, undefined, server);
    const k = await review(oracleServer.url, s.oracle.env ?? {}, s.oracle.capability, oracleServer);
    const goodput = s.rate ? `${((o.requests - o.rateLimited) / (o.wallMs / 1000) / s.rate * 100).toFixed(0)}% of ${s.rate}/s` : '';
    const notes = s.server.contextWindow?.mode === 'truncate' ? `${server.truncatedPrompts} prompts cut` : goodput;
    console.log(
      row([s.name, o.code, `${o.annotated}/${o.papers}`, o.requests, k.requests, (o.requests / k.requests).toFixed(2), o.requests - k.requests, o.promptTokens - k.promptTokens, o.rateLimited, (o.wallMs / 1000).toFixed(1), notes]) +
        (o.code === 0 ? '' : ` ${o.message}`),
    );
  } finally {
    await server.close();
    await oracleServer.close();
  }
}
if (wanted('server down')) {
  const dead = await unreachableURL();
  const d = await review(dead, {}, undefined, null);
  console.log(row(['server down (connection refused)', d.code, `${d.annotated}/${d.papers}`, '-', '-', '-', '-', '-', '-', (d.wallMs / 1000).toFixed(1), '']) + ` ${d.message}`);
}
if (wanted('a port fetch refuses')) {
  const refused = await review(REFUSED_PORT_URL, {}, undefined, null);
  console.log(row(['a port fetch refuses (9, "bad port")', refused.code, `${refused.annotated}/${refused.papers}`, '-', '-', '-', '-', '-', '-', (refused.wallMs / 1000).toFixed(1), '']) + ` ${refused.message}`);
}

console.log('');
console.log(row(['server works on at once (1 s each)', 'exit', 'annotated', 'requests', '--concurrency 8: wall s', 'default (adaptive): wall s', 'default / --concurrency 8', 'peak in flight (default)', 'limit over the run (default)']));
console.log(row(Array(9).fill('---')));
/** vLLM publishes its window (max_model_len in /v1/models): litrev then knows its prompts are not cut silently. */
const CAPACITY_ROWS: { capacity: number; label: string; server?: OpenAIServerOptions }[] = [
  { capacity: 2, label: '2' },
  { capacity: 8, label: '8' },
  { capacity: 32, label: '32' },
  { capacity: 32, label: '32, window published as vLLM does (32,768)', server: { publish: 'vllm', publishedWindow: 32768 } },
];
for (const { capacity, label, server: extra } of wanted('capacity') ? CAPACITY_ROWS : []) {
  const fixedServer = await startOpenAIServer({ handler: fakeReviewer(), capacity, latencyMs: 1000, ...extra });
  const adaptiveServer = await startOpenAIServer({ handler: fakeReviewer(), capacity, latencyMs: 1000, ...extra });
  try {
    const fixed = await review(fixedServer.url, {}, undefined, fixedServer, ['--concurrency', '8']);
    const adaptive = await review(adaptiveServer.url, {}, undefined, adaptiveServer);
    console.log(
      row([
        label,
        `${fixed.code} / ${adaptive.code}`,
        `${fixed.annotated}/${fixed.papers} / ${adaptive.annotated}/${adaptive.papers}`,
        `${fixed.requests} / ${adaptive.requests}`,
        (fixed.wallMs / 1000).toFixed(1),
        (adaptive.wallMs / 1000).toFixed(1),
        (adaptive.wallMs / fixed.wallMs).toFixed(2),
        adaptiveServer.capacityUse?.peak ?? '-',
        adaptive.limits ?? '',
      ]),
    );
  } finally {
    await fixedServer.close();
    await adaptiveServer.close();
  }
}
