import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeModel } from '../support/fake-reviewer.js';
import { startOpenAIServer, type OpenAIServer } from '../support/openai-server.js';
import { runCli } from '../support/run-cli.js';

const CSV = `title,abstract
Paged Attention Serving,We page the key-value cache of a serving system. Paged attention raises throughput by 2x over the baseline.
Quantised KV Caches,We quantise the key-value cache to 2 bits. Perplexity rises by 0.1 at most.
Speculative Decoding Drafts,A small draft model proposes tokens that the large model verifies. Decoding is 3x faster.
`;

let server: OpenAIServer;
let cwd: string;
beforeAll(async () => {
  server = await startOpenAIServer({ handler: fakeModel() });
  cwd = await mkdtemp(path.join(os.tmpdir(), 'litrev-small-'));
  await writeFile(path.join(cwd, 'p.csv'), CSV);
});
afterAll(() => server.close());
const model = () => ['--base-url', server.url, '--model', 'test-model'];

describe('small things a newcomer tripped on', () => {
  it('the bundled fake model answers ask from the sources, with citations', async () => {
    const r = await runCli(['ask', 'How much does paged attention raise throughput?', '--in', 'p.csv', ...model(), '--json'], { cwd });
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.answer).not.toMatch(/Test reply/);
    expect(json.answer).toMatch(/Paged attention raises throughput by 2x over the baseline \[@[a-z0-9-]+\]\./);
    expect(json.citations.map((c: { title: string }) => c.title)).toContain('Paged Attention Serving');
  });

  it("--repeat's agreement appears in the summary; runs lists --out runs and shows --topic", async () => {
    const r = await runCli(['review', 'p.csv', ...model(), '--repeat', '2', '--topic', 'key-value cache', '--out', 'elsewhere/run1', '--json'], { cwd });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).agreement).toMatchObject({ repeats: 2 });
    const plain = await runCli(['review', 'p.csv', ...model(), '--repeat', '2', '--out', 'elsewhere/run2', '--plain'], { cwd });
    expect(plain.stderr).toMatch(/agreement over 2 repeats \(Fleiss' kappa\): contribution type (\d\.\d\d|n\/a), category/);
    const runs = await runCli(['runs', '--json'], { cwd });
    const listed = JSON.parse(runs.stdout).runs;
    expect(listed.map((x: { outDir: string }) => path.basename(x.outDir)).sort()).toEqual(['run1', 'run2']);
    expect(listed.find((x: { outDir: string }) => x.outDir.endsWith('run1')).topic).toBe('key-value cache');
    expect((await runCli(['runs'], { cwd })).stdout).toContain('key-value cache');
  });

  it('help texts: --topic as the README says; ask and doctor list only flags that apply', async () => {
    const review = (await runCli(['review', '--help'])).stdout;
    expect(review).toMatch(/screen every paper for relevance to TEXT first/);
    const ask = (await runCli(['ask', '--help'])).stdout;
    for (const flag of ['--concurrency', '--structured-method', 'matrix']) expect(ask).not.toContain(flag);
    expect(ask).toContain('--top-k');
    const doctor = (await runCli(['doctor', '--help'])).stdout;
    for (const flag of ['--offline', '--concurrency', '--temperature', '--seed', '--cache MODE', 'matrix']) expect(doctor).not.toContain(flag);
    expect(doctor).toContain('--base-url');
  });
});
