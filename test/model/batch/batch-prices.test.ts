import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { estimateCostUSD } from '../../../src/model/estimate.js';
import { fakeReviewer } from '../../support/fake-reviewer.js';
import { startOpenAIServer, type OpenAIServer } from '../../support/openai-server.js';
import { jsonOf, runCli } from '../../support/run-cli.js';

const CORPUS = path.resolve(__dirname, '../../../examples/corpus/004_8ff57b83dc1ce018.txt');

let server: OpenAIServer;
beforeAll(async () => {
  server = await startOpenAIServer({ handler: fakeReviewer() });
});
afterAll(() => server.close());

function workspace(): string {
  const cwd = mkdtempSync(path.join(tmpdir(), 'litrev-batch-price-'));
  writeFileSync(path.join(cwd, 'litrev.config.json'), JSON.stringify({ batchPollMs: 20 }));
  return cwd;
}
const review = (extra: string[]) => runCli(['review', CORPUS, '--base-url', server.url, '--model', 'gpt-4o-mini', '--json', ...extra], { cwd: workspace() });

describe('Batch API prices', () => {
  it('are half the list price of an OpenAI model', () => {
    expect(estimateCostUSD('gpt-4o-mini', 1_000_000, 1_000_000, 'batch')).toBeCloseTo(estimateCostUSD('gpt-4o-mini', 1_000_000, 1_000_000)! / 2, 10);
    expect(estimateCostUSD('llama3.1:8b', 1000, 1000, 'batch')).toBeNull();
  });

  it('--dry-run estimates a --batch-api run at half the cost', async () => {
    const sync = jsonOf(await review(['--dry-run']));
    const batch = jsonOf(await review(['--dry-run', '--batch-api']));
    expect(batch.estimates[0].requests).toBe(sync.estimates[0].requests);
    expect(batch.estimates[0].costUSD).toBeCloseTo(sync.estimates[0].costUSD / 2, 10);
  });

  it('a --batch-api run is accounted at half the cost of the same run sent synchronously', async () => {
    const sync = jsonOf(await review([]));
    const batch = jsonOf(await review(['--batch-api']));
    expect(batch.promptTokens).toBe(sync.promptTokens);
    expect(batch.completionTokens).toBe(sync.completionTokens);
    expect(batch.costUSD).toBeCloseTo(sync.costUSD / 2, 10);
  });

  it('--max-cost judges the estimate at batch prices: a cap between the two admits the batch run only', async () => {
    const estimate = jsonOf(await review(['--dry-run', '--batch-api'])).estimates[0].costUSD;
    const cap = String(estimate * 1.5);
    const refused = await review(['--max-cost', cap]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/above --max-cost/);
    const admitted = await review(['--batch-api', '--max-cost', cap]);
    expect(admitted.code, admitted.stderr).toBe(0);
  });
});
