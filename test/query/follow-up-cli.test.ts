import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';

const CORPUS = path.resolve(__dirname, '../../examples/corpus');

/** Follow-ups keep their subject in line mode (chat with piped stdin) and across `ask --follow-up`. */
describe('follow-ups from the command line (offline)', () => {
  let cwd: string;
  beforeAll(async () => {
    cwd = await mkdtemp(path.join(tmpdir(), 'litrev-follow-up-'));
    const r = await runCli(['ingest', CORPUS, '--json'], { cwd });
    expect(r.code, r.stderr).toBe(0);
  });
  afterAll(() => rm(cwd, { recursive: true, force: true }));

  it('chat line mode: "which of these" is answered within the previous answer\'s papers', async () => {
    const r = await runCli(['chat', '--offline', '--json'], { cwd, stdin: 'What speedups do speculative decoding papers report?\nWhich of these is lossless?\n' });
    expect(r.code, r.stderr).toBe(0);
    const [first, then] = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { kind: string; rows: { key: string }[]; plan: { scope: string } });
    expect(first!.rows.map((x) => x.key)).toContain('triforce-lossless');
    expect(then!.plan.scope).toBe('previous');
    expect(then!.rows.map((x) => x.key)).toEqual(['triforce-lossless']);
  });

  it('ask --follow-up continues the last ask, and "it" stays on its first paper', async () => {
    expect((await runCli(['ask', 'Which papers evaluate on LongBench?', '--offline', '--json'], { cwd })).code).toBe(0);
    const these = JSON.parse((await runCli(['ask', 'Which of them use Llama?', '--follow-up', '--offline', '--json'], { cwd })).stdout) as { count: number; rows: { key: string }[] };
    const longbench = JSON.parse((await runCli(['ask', 'Which papers evaluate on LongBench?', '--offline', '--json'], { cwd })).stdout) as { rows: { key: string }[] };
    const all = new Set(longbench.rows.map((x) => x.key));
    expect(these.count).toBeGreaterThan(0);
    for (const row of these.rows) expect(all.has(row.key)).toBe(true);
    const it = JSON.parse((await runCli(['ask', 'Does it need fine-tuning?', '--follow-up', '--offline', '--json'], { cwd })).stdout) as { sources: { key: string }[] };
    expect(it.sources.map((s) => s.key)).toEqual([longbench.rows[0]!.key]);
  });
});
