import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeModel } from '../support/fake-reviewer.js';
import { startOpenAIServer } from '../support/openai-server.js';
import { expectOneUnitPerStage } from '../support/plain-units.js';
import { runCli } from '../support/run-cli.js';

/**
 * What a newcomer meets on a first afternoon, offline: a review of a file of their own next to the
 * stored corpus, and `litrev runs` afterwards.
 */
const ROOT = path.resolve(__dirname, '../..');
const EXAMPLE = path.join(ROOT, 'examples/corpus/000_67e06d3f3a2a0ff6.txt');
const CRITERIA = path.join(ROOT, 'examples/criteria.yaml');
const MINE = `@article{a1, title={Sparse attention for long documents}, author={Doe, Jane}, year={2024},
  abstract={We propose a sparse attention for large language models that reduces inference memory by 40% on long documents.}}
@article{a2, title={Paged key-value caches for serving}, author={Roe, Richard}, year={2025},
  abstract={We page the key-value cache of a language model serving system; throughput rises by 2x at the same latency.}}
`;

let cwd: string;
beforeAll(async () => {
  cwd = await mkdtemp(path.join(os.tmpdir(), 'litrev-newcomer-'));
  await writeFile(path.join(cwd, 'mine.bib'), MINE);
});
afterAll(() => rm(cwd, { recursive: true, force: true }));

describe('a newcomer reviewing a file of their own', () => {
  // The afternoon every test starts from: the example file stored, then a file of their own reviewed twice.
  let r: Awaited<ReturnType<typeof runCli>>;
  let again: Awaited<ReturnType<typeof runCli>>;
  beforeAll(async () => {
    expect((await runCli(['ingest', EXAMPLE], { cwd })).code).toBe(0);
    r = await runCli(['review', 'mine.bib', '--offline', '--plain', '--out', 'mine-run'], { cwd });
    again = await runCli(['review', 'mine.bib', '--offline', '--plain', '--out', 'mine-run-2'], { cwd });
  });

  it('review PATH says that it adds the papers to the stored corpus, and how to take them out', () => {
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^litrev: the stored corpus grew 10 -> 12 papers \(2 new from mine\.bib\); `ask` and `chat` search all of it\. `litrev corpus remove mine\.bib` takes it out again$/m);
    // Reviewed again, nothing changes in the stored corpus and nothing is said.
    expect(again.stderr).not.toContain('stored corpus');
  });

  it('runs shows every run once, with its screening and its output folder', async () => {
    expect((await runCli(['review', '--offline', '--plain', '--topic', 'sparse attention'], { cwd })).code).toBe(0);
    expect((await runCli(['review', '--offline', '--plain', '--criteria', CRITERIA, '--out', 'screened'], { cwd })).code).toBe(0);
    const r = await runCli(['runs'], { cwd });
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/\bscreening\b.*\boutput$/);
    const rows = lines.slice(2, -1);
    expect(rows).toHaveLength(4);
    expect(rows.some((l) => /topic "sparse attention".*\sruns\/\S+$/.test(l))).toBe(true);
    expect(rows.some((l) => /criteria criteria\.yaml.*\sscreened$/.test(l))).toBe(true);
    expect(rows.filter((l) => /\smine-run(-2)?$/.test(l))).toHaveLength(2);
    expect(lines.at(-1)).toMatch(/^4 runs: 1 in runs, 3 written with --out;/);
    const json = JSON.parse((await runCli(['runs', '--json'], { cwd })).stdout);
    expect(json.runs.find((x: { outDir: string }) => x.outDir.endsWith('screened')).criteriaFile).toBe(CRITERIA);
  });

  it('with a model, --plain counts every stage in one unit from its start to its end', async () => {
    // A folder of its own: the runs it writes are not the afternoon's that `runs` lists.
    const own = await mkdtemp(path.join(os.tmpdir(), 'litrev-newcomer-model-'));
    const server = await startOpenAIServer({ handler: fakeModel() });
    try {
      const args = ['review', EXAMPLE, '--base-url', server.url, '--model', 'test-model', '--cache-dir', 'model-cache', '--plain', '--out', 'model-run'];
      const r = await runCli(args, { cwd: own });
      expect(r.code, r.stderr).toBe(0);
      expectOneUnitPerStage(r.stderr, ['classify', 'taxonomy', 'synthesize', 'verify', 'write']);
    } finally {
      await server.close();
      await rm(own, { recursive: true, force: true });
    }
  });
});
