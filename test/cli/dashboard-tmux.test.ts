import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeReviewer } from '../support/fake-reviewer.js';
import { startOpenAIServer, type OpenAIServer } from '../support/openai-server.js';
import { hasTmux, tmuxSession } from '../support/tmux.js';

/**
 * The Ink dashboard of `litrev review`, live, in a real terminal (80x24 and 120x40): the built CLI
 * reviews two example files against the local OpenAI-compatible server with 300 ms latency per
 * request, or the example corpus offline, and the test reads the screen while the run is still
 * going, then the final summary. It waits for what the screen shows, never for a time.
 */
const ROOT = path.resolve(__dirname, '../..');
const CLI = path.join(ROOT, 'bin/litrev.js');
const INPUTS = ['000_67e06d3f3a2a0ff6.txt', '004_8ff57b83dc1ce018.txt'].map((f) => path.join(ROOT, 'examples/corpus', f));
const tmux = tmuxSession(`litrev-dashboard-test-${process.pid}`, 'review');

let server: OpenAIServer;
beforeAll(async () => {
  server = await startOpenAIServer({ latencyMs: 300, handler: fakeReviewer() });
});
afterAll(async () => {
  tmux.kill();
  await server.close();
});

describe.skipIf(!hasTmux)('litrev review dashboard under tmux (skipped when tmux is not installed)', () => {
  // Each test starts its own tmux session: none may find another's still running.
  beforeEach(() => tmux.kill());

  /** Start `litrev ARGS` in a terminal of the given size; the shell reports the exit code. */
  async function start(args: string[], size: { x: number; y: number }, env = 'env -u CI -u CONTINUOUS_INTEGRATION -u OPENAI_API_KEY -u OPENAI_BASE_URL'): Promise<string> {
    const cwd = await mkdtemp(path.join(tmpdir(), 'litrev-dashboard-'));
    const script = `${env} TERM=xterm-256color ${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} ${args.map((a) => JSON.stringify(a)).join(' ')}; echo "[exit $?]"; sleep 120`;
    tmux.run('new-session', '-d', '-s', 'review', '-x', String(size.x), '-y', String(size.y), '-c', cwd, 'sh', '-c', script);
    return cwd;
  }

  /** The rows of finished stages, from the first to the summary (warnings, one line each too, left out): one line each, never wrapped. */
  function finishedRows(screen: string): string[] {
    const lines = screen.split('\n');
    const from = lines.findIndex((l) => /^[✓!] classify/.test(l));
    const to = lines.findIndex((l) => l.startsWith('Done in'));
    return lines.slice(from, to).filter((l) => l.trim() !== '' && !l.startsWith('warning: '));
  }

  it.each([
    { x: 80, y: 24 },
    { x: 120, y: 40 },
  ])('offline, at $x x $y: the dashboard is on screen while the example corpus is reviewed, and every row fits', async (size) => {
    await start(['review', path.join(ROOT, 'examples/corpus'), '--out', 'run'], size);
    // The dashboard is up while the first stage still runs (its bar still filling), not only once it has finished.
    const live = await tmux.waitForScreen((s) => /^classify\s+\S*░/m.test(s) || /^✓ classify/m.test(s) || s.includes('[exit '), 'the first stage', 600);
    expect(live).toMatch(/^classify\s+\S*░+ [\d,]+\/411 papers \(\d+%\)$/m);
    expect(live).toContain('OFFLINE ENGINE (extractive)');
    await tmux.waitForScreen((s) => s.includes('[exit '), 'end of the run', 600);
    const end = tmux.history();
    expect(end).toContain('[exit 0]');
    const rows = finishedRows(end);
    expect(rows.length).toBeGreaterThanOrEqual(5);
    for (const row of rows) expect(row).toMatch(/^[✓!] \w+\s+[\d,]+\/[\d,]+ (papers|steps|sections) · /);
    expect(end).toMatch(/^Done in [\d.]+ m?s: 411 of 411 papers annotated, 0 failed$/m);
    // The verification line, wrapped in a narrow terminal, continues under its text.
    const lines = end.split('\n');
    const verification = lines.findIndex((l) => l.startsWith('Verification: '));
    const files = lines.findIndex((l) => l.startsWith('Files in '));
    for (const l of lines.slice(verification + 1, files)) expect(l).toMatch(/^ {14}\S/);
    expect(end).toMatch(/^  review\.md$/m);
  });

  it('with a model, at 80 x 24: live rows and finished rows end in an ellipsis instead of wrapping', async () => {
    const args = ['review', ...INPUTS, '--base-url', server.url, '--model', 'test-model', '--batch-size', '2', '--concurrency', '4', '--out', 'run', '--cache-dir', 'cache'];
    await start(args, { x: 80, y: 24 }, 'env -u CI -u CONTINUOUS_INTEGRATION');
    const live = await tmux.waitForScreen((s) => /^classify .*\(\d+%\)/m.test(s) && /in flight/.test(s) && !s.includes('[exit '), 'live classify progress', 600);
    expect(live).toMatch(/^ {11}requests: \d+ in flight/m);
    await tmux.waitForScreen((s) => s.includes('[exit '), 'end of the run', 600);
    const end = tmux.history();
    expect(end).toContain('[exit 0]');
    const rows = finishedRows(end);
    expect(rows.length).toBeGreaterThanOrEqual(5);
    for (const row of rows) expect(row).toMatch(/^[✓!] \w+\s+[\d,]+\/[\d,]+ (papers|steps|sections) · /);
    expect(rows.some((r) => r.endsWith('…'))).toBe(true);
  });

  it('shows live progress per stage, then the files and the verification result', async () => {
    const cwd = await mkdtemp(path.join(tmpdir(), 'litrev-dashboard-'));
    const args = ['review', ...INPUTS, '--base-url', server.url, '--model', 'test-model', '--batch-size', '2', '--concurrency', '4', '--out', 'run'];
    const script =
      `env -u CI -u CONTINUOUS_INTEGRATION TERM=xterm-256color ${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} ${args.map((a) => JSON.stringify(a)).join(' ')}; ` +
      `echo "[exit $?]"; sleep 120`;
    tmux.run('new-session', '-d', '-s', 'review', '-x', '120', '-y', '40', '-c', cwd, 'sh', '-c', script);

    const live = await tmux.waitForScreen((s) => /classify/.test(s) && /in flight/.test(s) && !s.includes('[exit '), 'live classify progress', 600);
    expect(live).toMatch(/\d+\s*\/\s*\d+/);

    const end = await tmux.waitForScreen((s) => s.includes('[exit '), 'end of the run', 600);
    expect(end).toContain('[exit 0]');
    expect(end).toContain('review.md');
    expect(end).toMatch(/verif/i);
    expect(server.chatRequests().length).toBeGreaterThan(10);
  });

  it('Ctrl-C during a live run stops it cleanly: one line, exit 130, the terminal given back', async () => {
    const cwd = await mkdtemp(path.join(tmpdir(), 'litrev-dashboard-int-'));
    const args = ['review', ...INPUTS, '--base-url', server.url, '--model', 'interrupted-model', '--batch-size', '2', '--concurrency', '2', '--out', 'run'];
    // The shell ignores SIGINT so that it survives to report litrev's exit code.
    const script =
      `trap '' INT; env -u CI -u CONTINUOUS_INTEGRATION TERM=xterm-256color ${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} ${args.map((a) => JSON.stringify(a)).join(' ')}; ` +
      `echo "[exit $?]"; stty -a | grep -q ' icanon' && echo '[tty restored]'; echo '[end]'; sleep 120`;
    tmux.run('new-session', '-d', '-s', 'review', '-x', '120', '-y', '40', '-c', cwd, 'sh', '-c', script);
    await tmux.waitForScreen((s) => /classify/.test(s) && /in flight/.test(s), 'live classify progress', 600);
    tmux.run('send-keys', '-t', 'review', 'C-c');
    const end = await tmux.waitForScreen((s) => s.includes('[end]'), 'end of the run', 600);
    expect(end).toMatch(/litrev: interrupted; re-run the same command to resume: \d+ answers? (is|are) cached/);
    expect(end).toContain('[exit 130]');
    expect(end).toContain('[tty restored]');
  });
});
