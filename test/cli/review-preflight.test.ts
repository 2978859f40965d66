import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeReviewer } from '../support/fake-reviewer.js';
import { startOpenAIServer, type OpenAIServer } from '../support/openai-server.js';
import { runCli } from '../support/run-cli.js';

const PROMPTS = path.resolve(__dirname, '../../prompts');
let server: OpenAIServer;
let cwd: string;

beforeAll(async () => {
  server = await startOpenAIServer({ handler: fakeReviewer() });
  cwd = await mkdtemp(path.join(os.tmpdir(), 'litrev-preflight-'));
  await writeFile(path.join(cwd, 'p.csv'), 'title,abstract\nA Paper On Caches,We study caches at length and report a 2x gain.\n');
  await writeFile(path.join(cwd, 'a-file'), 'not a folder');
  const classify = await readFile(path.join(PROMPTS, 'classify.md'), 'utf8');
  const dirs: Record<string, Record<string, string>> = {
    misspelt: { 'clasify.md': classify },
    broken: { 'classify.md': 'no front matter here\n' },
    missing: { 'classify.md': classify.replace('variables: [papers]', 'variables: []').replace(/\{\{\s*papers\s*\}\}/g, 'PAPERS') },
    extra: { 'classify.md': classify.replace('variables: [papers]', 'variables: [papers, mood]').replace('--- user ---', '--- user ---\n{{mood}}') },
  };
  for (const [dir, files] of Object.entries(dirs)) {
    await mkdir(path.join(cwd, dir));
    for (const [name, text] of Object.entries(files)) await writeFile(path.join(cwd, dir, name), text);
  }
});
afterAll(() => server.close());

const model = () => ['--base-url', server.url, '--model', 'test-model'];

describe('review: errors before spending', () => {
  const cases: [string, string[], RegExp][] = [
    ['--out is a file', ['--out', 'a-file'], /--out .*a-file is a file, not a folder/],
    ['--out under a file', ['--out', 'a-file/run'], /a-file is a file, not a folder/],
    ['--prompts does not exist', ['--prompts', 'no/such/dir'], /--prompts .*no\/such\/dir: no such folder/],
    ['a misspelt prompt file', ['--prompts', 'misspelt'], /"clasify\.md" is not a known prompt \(known: classify\.md, screen\.md, screen-criteria\.md, taxonomy\.md/],
    ['a prompt that does not parse', ['--prompts', 'broken'], /broken\/classify\.md: a prompt file starts with front matter/],
    ['a prompt missing a declared variable', ['--prompts', 'missing'], /classify\.md: misses the declared variable\(s\) papers/],
    ['a prompt declaring a variable no stage fills', ['--prompts', 'extra'], /classify\.md: declares mood, which the classify stage does not fill/],
  ];
  for (const [what, flags, reason] of cases) {
    it(`${what}: exit 2, a one-line reason, no model request`, async () => {
      const before = server.requests.length;
      const r = await runCli(['review', 'p.csv', ...model(), ...flags], { cwd });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(reason);
      expect(r.stderr.trim().split('\n')[0]).toMatch(reason);
      expect(server.requests.length).toBe(before);
    });
  }

  it('--batch-size -3 gives a clear message', async () => {
    const r = await runCli(['review', 'p.csv', '--offline', '--batch-size', '-3'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--batch-size must be a whole number from 1 to 100, got -3');
    expect(r.stderr).not.toMatch(/ambiguous/);
  });
});
