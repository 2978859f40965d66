import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeModel } from '../support/fake-reviewer.js';
import { startOpenAIServer, type OpenAIServer } from '../support/openai-server.js';
import { runCli } from '../support/run-cli.js';

const CORPUS = path.resolve(__dirname, '../../examples/corpus');
const PAPER_ID = /\bp[0-9a-f]{12}\b/;

/** A model that cites the paper ids its prompt shows (`[@id]`, `[id]`, `(id)`) instead of the keys. */
describe('litrev ask with a model that cites paper ids', () => {
  let server: OpenAIServer;
  let cwd: string;
  beforeAll(async () => {
    server = await startOpenAIServer({ handler: fakeModel({ weak: { citeIds: true } }) });
    cwd = await mkdtemp(path.join(tmpdir(), 'litrev-ask-ids-'));
  });
  afterAll(async () => {
    await server.close();
    await rm(cwd, { recursive: true, force: true });
  });

  const ask = (question: string, extra: string[] = []) =>
    runCli(['ask', question, '--in', CORPUS, '--base-url', server.url, '--model', 'test-model', ...extra], { cwd });

  it('cites the papers by their keys, and removes none of them', async () => {
    for (const question of ['What does PyramidKV do to the KV cache?', 'Which papers evaluate on LongBench?']) {
      const r = await ask(question, ['--json']);
      expect(r.code, r.stderr).toBe(0);
      const out = JSON.parse(r.stdout) as { answer: string; citations: { key: string }[]; removedKeys: string[]; verification: { danglingRemoved: number } };
      expect(out.citations.length, question).toBeGreaterThan(0);
      expect(out.removedKeys, question).toEqual([]);
      expect(out.verification.danglingRemoved, question).toBe(0);
      expect(out.answer, question).not.toMatch(PAPER_ID);
    }
  });

  it('shows keys, not ids, in the streamed answer, and reports no removed citation', async () => {
    const r = await ask('What does PyramidKV do to the KV cache?');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/\[@[a-z]/);
    expect(r.stdout).not.toMatch(PAPER_ID);
    expect(r.stderr).not.toMatch(/removed \d+ citation/);
  });
});
