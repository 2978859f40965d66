import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { jsonOf, runCli } from '../support/run-cli.js';
import { hasTmux, tmuxSession } from '../support/tmux.js';

/**
 * `litrev label` end to end in a real terminal: label two papers, kill the session (as a closed
 * terminal would), start again and find the session resumed, finish, and score a run with the file.
 */
const ROOT = path.resolve(__dirname, '../..');
const CLI = path.join(ROOT, 'bin/litrev.js');
const PAGE = path.join(ROOT, 'examples/corpus/000_67e06d3f3a2a0ff6.txt');
const CRITERIA = path.join(ROOT, 'examples/criteria.yaml');
const tmux = tmuxSession(`litrev-label-test-${process.pid}`, 'label');

let cwd = '';
beforeAll(async () => {
  cwd = await mkdtemp(path.join(tmpdir(), 'litrev-label-'));
  const review = await runCli(['review', PAGE, '--criteria', CRITERIA, '--offline', '--json', '--out', 'run1'], { cwd });
  expect(review.code, review.stderr).toBe(0);
});

function startLabel(): void {
  const script =
    `env -u CI -u CONTINUOUS_INTEGRATION TERM=xterm-256color ${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} ` +
    `label --run run1 --sample 4 --seed 3 --out gold.jsonl; echo "[exit $?]"; sleep 120`;
  tmux.run('new-session', '-d', '-s', 'label', '-x', '120', '-y', '45', '-c', cwd, 'sh', '-c', script);
}

const labelLines = () => readFileSync(path.join(cwd, 'gold.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));

describe('litrev label', () => {
  it('refuses with exit 2 when stdin is not a terminal', async () => {
    const r = await runCli(['label'], { cwd: cwd || tmpdir() });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('label needs a terminal');
  });
});

describe.skipIf(!hasTmux)('litrev label under tmux (skipped when tmux is not installed)', () => {
  afterEach(() => tmux.kill());

  it('dist/ is built (npm test builds it before vitest)', () => {
    expect(existsSync(path.join(ROOT, 'dist/cli/main.js'))).toBe(true);
  });

  it('saves each decision at once, resumes after the terminal is killed, and writes a file eval reads', async () => {
    startLabel();
    await tmux.waitForScreen((s) => s.includes('[1/4]') && s.includes('0 of 4 labelled'), 'first paper');
    expect(tmux.screen()).toMatch(/run: (included|excluded)/);
    expect(tmux.screen()).toContain('random order');
    // Every labelling key labels the paper shown and stays on it; n moves on.
    tmux.run('send-keys', '-t', 'label', '-l', 'i');
    await tmux.waitForScreen((s) => s.includes('[1/4]') && s.includes('labelled: include'), 'first decision, same paper');
    tmux.run('send-keys', '-t', 'label', '-l', 'n');
    await tmux.waitForScreen((s) => s.includes('[2/4]'), 'second paper');
    tmux.run('send-keys', '-t', 'label', '-l', 'e1');
    await tmux.waitForScreen((s) => s.includes('[2/4]') && s.includes('labelled: exclude · type method'), 'second paper labelled');
    tmux.run('send-keys', '-t', 'label', '-l', 'n');
    await tmux.waitForScreen((s) => s.includes('[3/4]') && s.includes('2 of 4 labelled'), 'third paper');
    await tmux.waitFor(() => existsSync(path.join(cwd, 'gold.jsonl')) && labelLines().length === 2, 'two saved labels');
    // Interrupted: the terminal goes away with no chance to quit.
    tmux.kill();
    expect(labelLines().map((l) => [l.label, l.contributionType])).toEqual([['include', null], ['exclude', 'method']]);

    startLabel();
    const resumed = await tmux.waitForScreen((s) => s.includes('[3/4]'), 'resumed session');
    expect(resumed).toContain('2 of 4 labelled');
    expect(resumed).toMatch(/agrees with the run \d\/2/);
    tmux.run('send-keys', '-t', 'label', '-l', 'un');
    await tmux.waitForScreen((s) => s.includes('[4/4]'), 'fourth paper');
    tmux.run('send-keys', '-t', 'label', '-l', 'i');
    await tmux.waitForScreen((s) => s.includes('4 of 4 labelled'), 'all labelled');
    tmux.run('send-keys', '-t', 'label', '-l', 'q');
    const after = await tmux.waitForScreen((s) => s.includes('[exit'), 'exit code');
    expect(after).toMatch(/^4 of 4 papers labelled in gold\.jsonl$/m);
    expect(after).toContain('[exit 0]');
    expect(labelLines().map((l) => l.label)).toEqual(['include', 'exclude', 'unsure', 'include']);

    const scored = await runCli(['eval', 'run1', '--gold', 'gold.jsonl', '--json'], { cwd });
    expect(scored.code, scored.stderr).toBe(0);
    const run = jsonOf(scored).runs[0];
    expect(run).toMatchObject({ matched: 4, unmatched: 0 });
    expect(run.fields.relevant.n).toBe(3);
  });
});
