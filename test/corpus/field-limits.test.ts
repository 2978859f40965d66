import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_ABSTRACT_CHARS, MAX_TITLE_CHARS } from '../../src/corpus/field-limits.js';
import { startOpenAIServer, type OpenAIServer } from '../support/openai-server.js';
import { jsonOf, runCli } from '../support/run-cli.js';

/** An abstract of megabytes is cut at ingest with a warning naming its record; the review then runs. */
describe('bounded fields', () => {
  it('cuts a 50 MB abstract and a long title, names the record, and the offline review finishes', async () => {
    const cwd = await mkdtemp(path.join(tmpdir(), 'litrev-bounded-'));
    const file = path.join(cwd, 'papers.jsonl');
    const normal = (i: number) => JSON.stringify({ title: `Graph learning study ${i}`, abstract: `We study graphs. Accuracy rises by ${i + 3}% on Cora.` });
    const huge = JSON.stringify({ title: `Huge ${'title '.repeat(400)}`, abstract: 'word '.repeat(10_000_000) });
    await writeFile(file, [normal(1), normal(2), huge, normal(3)].join('\n'));
    const ingest = await runCli(['ingest', file, '--json'], { cwd });
    expect(ingest.code, ingest.stderr).toBe(0);
    const warnings: string[] = jsonOf(ingest).warnings;
    expect(warnings, JSON.stringify(warnings)).toContain(`${file}: line 3: abstract of 49,999,999 characters cut to ${MAX_ABSTRACT_CHARS.toLocaleString('en-US')}`);
    expect(warnings).toContain(`${file}: line 3: title of 2,404 characters cut to 1,000`);
    const stored = JSON.parse(await readFile(path.join(cwd, '.litrev', 'corpus.json'), 'utf8'));
    const big = stored.papers.find((p: { title: string }) => p.title.startsWith('Huge'));
    expect(big.abstract.length).toBeLessThanOrEqual(MAX_ABSTRACT_CHARS + 1);
    expect(big.title.length).toBeLessThanOrEqual(MAX_TITLE_CHARS + 1);
    const review = await runCli(['review', '--offline', '--json', '--out', path.join(cwd, 'run')], { cwd });
    expect(review.code, review.stderr).toBe(0);
    expect(jsonOf(review).annotated).toBe(4);
  });
});

describe('--dry-run and the context window', () => {
  let server: OpenAIServer;
  beforeAll(async () => {
    server = await startOpenAIServer();
  });
  afterAll(() => server.close());

  it('warns about every stage whose requests are estimated beyond a known context window', async () => {
    const cwd = await mkdtemp(path.join(tmpdir(), 'litrev-window-'));
    const corpus = path.resolve(__dirname, '../../examples/corpus/004_8ff57b83dc1ce018.txt');
    const config = path.join(cwd, 'litrev.config.json');
    await writeFile(config, JSON.stringify({ contextWindow: 1000 }));
    const args = ['review', corpus, '--base-url', server.url, '--model', 'gpt-4o', '--dry-run', '--config', config];
    const r = await runCli(args, { cwd });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/warning: gpt-4o: classify: \d+ requests are estimated beyond the 1,000-token context window \(largest about [\d,]+ tokens\)/);
    const json = jsonOf(await runCli([...args, '--json'], { cwd }));
    expect(json.estimates[0].overContext).toEqual(expect.arrayContaining([expect.objectContaining({ stage: 'classify', contextWindow: 1000 })]));
    await writeFile(config, JSON.stringify({ contextWindow: 1_000_000 }));
    expect((await runCli(args, { cwd })).stderr).not.toContain('context window');
    expect(server.chatRequests()).toHaveLength(0);
  });
});
