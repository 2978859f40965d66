/**
 * How close `--dry-run` comes to what the endpoint then reports. On a corpus (default: examples/corpus), against
 * the local test server counting tokens as a real endpoint does (o200k, message framing, the JSON schema of each
 * structured request), with a fresh cache: the dry-run estimate first, then the run itself; prints requests and
 * prompt tokens per stage, estimated and reported, and their ratio (estimate / reported).
 *
 *   npm run bench:dry-run [-- --corpus DIR] [-- --topic TEXT]
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { getEncoding } from 'js-tiktoken';
import { fakeReviewer } from '../test/support/fake-reviewer.js';
import { startOpenAIServer } from '../test/support/openai-server.js';
import { jsonOf, runCli } from '../test/support/run-cli.js';

const { values } = parseArgs({
  options: {
    corpus: { type: 'string', default: path.resolve(import.meta.dirname, '../examples/corpus') },
    topic: { type: 'string' },
    encoding: { type: 'string', default: 'o200k_base' },
  },
});
const enc = getEncoding(values.encoding as 'o200k_base' | 'cl100k_base');
const server = await startOpenAIServer({ handler: fakeReviewer({ fullAnnotations: true }), tokenizer: (text) => enc.encode(text).length });
const cwd = mkdtempSync(path.join(tmpdir(), 'litrev-dry-run-'));
try {
  const args = ['review', path.resolve(values.corpus), '--base-url', server.url, '--model', 'test-model', '--cache-dir', path.join(cwd, 'cache'), ...(values.topic ? ['--topic', values.topic] : [])];
  const dry = await runCli([...args, '--dry-run', '--json'], { cwd });
  if (dry.code !== 0) throw new Error(`dry run exited ${dry.code}: ${dry.stderr}`);
  const estimate = jsonOf(dry).estimates[0] as { requests: number; promptTokens: number; byStage: Record<string, { requests: number; promptTokens: number }>; assumptions: string[] };
  const run = await runCli([...args, '--json', '--out', 'run'], { cwd });
  if (run.code !== 0 && run.code !== 1) throw new Error(`review exited ${run.code}: ${run.stderr}`);
  const manifest = JSON.parse(readFileSync(path.join(cwd, 'run', 'run.json'), 'utf8')) as { stages: Record<string, { calls: number; promptTokens: number }>; tokens: { prompt: number }; counts: { calls: number } };
  const ratio = (a: number, b: number) => (b === 0 ? '-' : (a / b).toFixed(3));
  const row = (name: string, er: number, ar: number, et: number, at: number) =>
    console.log(`${name.padEnd(11)} ${String(er).padStart(6)} ${String(ar).padStart(6)} ${ratio(er, ar).padStart(6)}  ${String(et).padStart(9)} ${String(at).padStart(9)} ${ratio(et, at).padStart(6)}`);
  console.log(`corpus: ${values.corpus} (${values.encoding})`);
  console.log(`${'stage'.padEnd(11)} ${'req est'.padStart(6)} ${'req'.padStart(6)} ${'ratio'.padStart(6)}  ${'tok est'.padStart(9)} ${'tok'.padStart(9)} ${'ratio'.padStart(6)}`);
  const stages = [...new Set([...Object.keys(estimate.byStage), ...Object.keys(manifest.stages)])];
  for (const s of stages) {
    const e = estimate.byStage[s] ?? { requests: 0, promptTokens: 0 };
    const a = manifest.stages[s] ?? { calls: 0, promptTokens: 0 };
    row(s, e.requests, a.calls, e.promptTokens, a.promptTokens);
  }
  row('total', estimate.requests, manifest.counts.calls, estimate.promptTokens, manifest.tokens.prompt);
  console.log('assumptions:');
  for (const a of estimate.assumptions) console.log(`  - ${a}`);
} finally {
  await server.close();
  rmSync(cwd, { recursive: true, force: true });
}
