import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { getEncoding } from 'js-tiktoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeReviewer } from '../support/fake-reviewer.js';
import { startOpenAIServer, type OpenAIServer } from '../support/openai-server.js';
import { jsonOf, runCli } from '../support/run-cli.js';

const CORPUS = path.resolve(__dirname, '../../examples/corpus');
const enc = getEncoding('o200k_base');
let server: OpenAIServer;
const cwd = mkdtempSync(path.join(tmpdir(), 'litrev-dry-run-accuracy-'));
beforeAll(async () => {
  // An endpoint that counts like a real one (o200k, message framing, the schema), and a model writing annotations of a real one's size.
  server = await startOpenAIServer({ handler: fakeReviewer({ fullAnnotations: true }), tokenizer: (t) => enc.encode(t).length });
});
afterAll(async () => {
  await server.close();
  rmSync(cwd, { recursive: true, force: true });
});

describe('--dry-run against what the endpoint then reports (example corpus)', () => {
  it('is within 10% of the requests and 25% of the prompt tokens, overall and for synthesis, and says what it assumes', async () => {
    const args = ['review', CORPUS, '--base-url', server.url, '--model', 'test-model'];
    const dry = await runCli([...args, '--dry-run', '--json'], { cwd });
    expect(dry.code, dry.stderr).toBe(0);
    expect(server.chatRequests()).toHaveLength(0);
    const estimate = jsonOf(dry).estimates[0];
    expect(estimate.assumptions.join('\n')).toMatch(/8 categories/);
    const run = await runCli([...args, '--json', '--out', 'run'], { cwd });
    expect(run.code, run.stderr).toBe(0);
    const manifest = JSON.parse(readFileSync(path.join(cwd, 'run', 'run.json'), 'utf8'));
    const within = (estimated: number, reported: number, share: number) => {
      expect(Math.abs(estimated / reported - 1), `${estimated} estimated, ${reported} reported`).toBeLessThanOrEqual(share);
    };
    within(estimate.requests, manifest.counts.calls, 0.1);
    within(estimate.promptTokens, manifest.tokens.prompt, 0.25);
    within(estimate.byStage.synthesize.requests, manifest.stages.synthesize.calls, 0.1);
    within(estimate.byStage.synthesize.promptTokens, manifest.stages.synthesize.promptTokens, 0.25);
  });
});
