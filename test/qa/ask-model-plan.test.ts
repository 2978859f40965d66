import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasPromptMarkup } from '../../src/review/prompt-markup.js';
import { fakeModel } from '../support/fake-reviewer.js';
import { startOpenAIServer, type OpenAIServer } from '../support/openai-server.js';
import { runCli } from '../support/run-cli.js';

const CORPUS = path.resolve(__dirname, '../../examples/corpus');

/** `litrev ask` with a model (the real client against the test server): the model plans, code runs the plan. */
describe('litrev ask with a model: planned questions', () => {
  let server: OpenAIServer;
  let cwd: string;
  beforeAll(async () => {
    server = await startOpenAIServer({ handler: fakeModel({ copyMarkup: true }) });
    cwd = await mkdtemp(path.join(tmpdir(), 'litrev-ask-plan-'));
  });
  afterAll(async () => {
    await server.close();
    await rm(cwd, { recursive: true, force: true });
  });

  const ask = (question: string, extra: string[] = []) =>
    runCli(['ask', question, '--in', CORPUS, '--base-url', server.url, '--model', 'test-model', '--json', ...extra], { cwd });

  it('answers a list question from all the rows of the plan, cites only rows, and shows no prompt markup', async () => {
    const r = await ask('Which papers evaluate on LongBench?');
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { kind: string; plan: { filters: { value: string }[] }; count: number; rows: { key: string }[]; answer: string; citations: { key: string }[] };
    expect(out.kind).toBe('list');
    expect(out.plan.filters[0]!.value).toBe('LongBench');
    expect(out.count).toBe(15);
    expect(out.rows).toHaveLength(15);
    expect(hasPromptMarkup(out.answer)).toBe(false);
    const rowKeys = new Set(out.rows.map((row) => row.key));
    expect(out.citations.length).toBeGreaterThan(0);
    for (const c of out.citations) expect(rowKeys.has(c.key)).toBe(true);
    expect(server.chatRequests().some((q) => JSON.stringify(q.body).includes('query_plan'))).toBe(true);
  });

  it('replays the same plan and answer from the cache', async () => {
    const first = JSON.parse((await ask('How many papers mention GSM8K?')).stdout) as { answer: string; count: number };
    const again = await ask('How many papers mention GSM8K?', ['--cache', 'replay']);
    expect(again.code, again.stderr).toBe(0);
    const replayed = JSON.parse(again.stdout) as { answer: string; count: number };
    expect(replayed).toMatchObject({ answer: first.answer, count: first.count });
    expect(first.count).toBe(11);
  });

  it('a lookup question is answered by retrieval, without a plan request, and without markup', async () => {
    const before = server.chatRequests().length;
    const r = await ask('What does PyramidKV do to the KV cache?');
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { kind: string; plan: unknown; answer: string };
    expect(out.kind).toBe('lookup');
    expect(out.plan).toBeNull();
    expect(hasPromptMarkup(out.answer)).toBe(false);
    const sent = server.chatRequests().slice(before);
    expect(sent.some((q) => JSON.stringify(q.body).includes('query_plan'))).toBe(false);
  });
});
