import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeReviewer } from '../support/fake-reviewer.js';
import { REFUSED_PORT_URL, startOpenAIServer, type ChatHandler, type OpenAIServer, type OpenAIServerOptions } from '../support/openai-server.js';
import { jsonOf, runCli } from '../support/run-cli.js';

/**
 * Reviews through endpoints that behave as real ones do (issue 23), through the real client and
 * HTTP: a foreign tokenizer with silent truncation, a storm of faults (replies cut short at random,
 * 5xx, resets, invented ids, 10 MB replies), a refused port, a server that works on two requests at once.
 */
const CORPUS = path.resolve(__dirname, '../../examples/corpus/004_8ff57b83dc1ce018.txt');
const PAPERS = 59;
/**
 * The test server counts ceil(chars / 4) tokens, about 1.16 times litrev's estimate on this corpus;
 * these scales make it count 30% more and 30% fewer tokens than the estimate.
 */
const THIRTY_PERCENT_MORE = 1.3 / 1.16;
const THIRTY_PERCENT_FEWER = 0.7 / 1.16;

let servers: OpenAIServer[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function serve(options: OpenAIServerOptions): Promise<OpenAIServer> {
  const s = await startOpenAIServer(options);
  servers.push(s);
  return s;
}

async function review(url: string, extra: string[] = []) {
  const cwd = mkdtempSync(path.join(tmpdir(), 'litrev-endpoints-'));
  dirs.push(cwd);
  const r = await runCli(['review', CORPUS, '--base-url', url, '--model', 'test-model', '--json', '--out', 'out', ...extra], { cwd });
  const runJson = () => JSON.parse(readFileSync(path.join(cwd, 'out', 'run.json'), 'utf8'));
  return { ...r, summary: r.stdout.trim() ? jsonOf(r) : null, runJson };
}

describe('an Ollama-like server that keeps the end of a long prompt, silently, with a tokenizer that is not litrev’s', () => {
  it.each([
    ['30% more', THIRTY_PERCENT_MORE, [1.05, 1.5]],
    ['30% fewer', THIRTY_PERCENT_FEWER, [0.5, 0.9]],
  ] as const)('counting %s tokens than litrev’s estimate: every paper annotated, exit 0, few prompts cut, a warning naming the window', async (_what, tokenScale, [low, high]) => {
    const server = await serve({ handler: fakeReviewer(), contextWindow: { tokens: 2048, mode: 'truncate' }, tokenScale });
    const r = await review(server.url);
    expect(r.code, r.stderr).toBe(0);
    expect(r.summary).toMatchObject({ papers: PAPERS, annotated: PAPERS, failed: 0 });
    expect(server.truncatedPrompts).toBeGreaterThan(0);
    expect(server.truncatedPrompts).toBeLessThanOrEqual(8);
    const warnings: string[] = r.summary.warnings;
    expect(warnings.some((w) => /context window is 2,?0\d\d tokens \(learned\).*truncates silently/.test(w))).toBe(true);
    // The calibration learned the server's count (not the counts of cut prompts, which would pull it down).
    const ratio = r.runJson().limits.tokenRatio;
    expect(ratio).toBeGreaterThan(low);
    expect(ratio).toBeLessThan(high);
  });
});

/** Every 17th reply a 503, every 23rd a dropped connection, every 31st with an id that was not asked for. */
function stormy(base: ChatHandler): ChatHandler {
  return async (info) => {
    const n = info.index + 1;
    if (n % 17 === 0) return { status: 503, error: { message: 'overloaded', type: 'server_error' } };
    if (n % 23 === 0) return { drop: true };
    const answer = await base(info);
    if (n % 31 === 0 && answer && 'json' in answer && answer.json && typeof answer.json === 'object' && Array.isArray((answer.json as { items?: unknown }).items)) {
      const items = (answer.json as { items: { id: string }[] }).items.map((it, i) => (i === 0 ? { ...it, id: `${it.id}-invented` } : it));
      return { ...answer, json: { ...(answer.json as object), items } };
    }
    return answer;
  };
}

describe('a storm of faults', () => {
  it('replies cut short at random (finish_reason length), 5xx, resets, invented ids and 10 MB replies: every paper annotated, exit 0, within 1.5x the requests of a clean run', async () => {
    const clean = await serve({ handler: fakeReviewer() });
    const c = await review(clean.url);
    expect(c.code, c.stderr).toBe(0);
    const server = await serve({ handler: stormy(fakeReviewer()), cutShort: { every: 10 }, huge: { every: 20 } });
    const r = await review(server.url);
    expect(r.code, r.stderr).toBe(0);
    expect(r.summary).toMatchObject({ papers: PAPERS, annotated: PAPERS, failed: 0 });
    // A cut at a random point is never taken for the output cap.
    expect(r.runJson().limits.limits.maxOutputTokens).toBeNull();
    expect(server.chatRequests().length).toBeLessThanOrEqual(1.5 * clean.chatRequests().length);
  });

  it('one batch cut at random points three times in a row (more than it is asked again): that batch is split, no cap bounds the batches to come', async () => {
    const clean = await serve({ handler: fakeReviewer() });
    const c = await review(clean.url);
    expect(c.code, c.stderr).toBe(0);
    const base = fakeReviewer();
    let target: string | undefined;
    let cuts = 0;
    const server = await serve({
      handler: async (info) => {
        const prompt = info.messages.at(-1)?.content;
        if (info.index === 3) target = prompt;
        const answer = await base(info);
        if (prompt !== target || cuts >= 3 || !answer || !('json' in answer)) return answer;
        cuts++;
        return { ...answer, truncate: true };
      },
    });
    const r = await review(server.url);
    expect(r.code, r.stderr).toBe(0);
    expect(cuts).toBe(3);
    expect(r.summary).toMatchObject({ papers: PAPERS, annotated: PAPERS, failed: 0 });
    expect(r.runJson().limits.limits.maxOutputTokens).toBeNull();
    expect((r.summary.warnings as string[]).filter((w) => /capped at/.test(w))).toEqual([]);
    // Three attempts of the batch, then its parts (packed again, two or three): a few requests beyond a clean run, not a
    // batch per paper.
    expect(server.chatRequests().length).toBeLessThanOrEqual(clean.chatRequests().length + 4);
  });
});

describe('a base URL on a port fetch refuses (9: "bad port", an error with no code)', () => {
  it('stops with exit 2 and says it cannot reach the endpoint', async () => {
    const r = await review(REFUSED_PORT_URL);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/bad port|cannot reach|refuse/i);
  });
});

describe('a server that works on two requests at once and queues the rest', () => {
  it('loses nothing with the adaptive default, and run.json records the limit over time', async () => {
    const server = await serve({ handler: fakeReviewer(), capacity: 2, latencyMs: 20 });
    const r = await review(server.url);
    expect(r.code, r.stderr).toBe(0);
    expect(r.summary).toMatchObject({ papers: PAPERS, annotated: PAPERS, failed: 0 });
    expect(server.capacityUse!.peak).toBeLessThanOrEqual(2);
    const concurrency = r.runJson().limits.concurrency;
    expect(concurrency).toMatchObject({ adaptive: true, start: 8, ceiling: 64 });
    expect(concurrency.timeline[0]).toMatchObject({ atMs: 0, limit: 8 });
  });
});
