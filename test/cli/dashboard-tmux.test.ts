import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeReviewer } from '../support/fake-reviewer.js';
import { startOpenAIServer, type OpenAIServer } from '../support/openai-server.js';
import { hasTmux, tmuxSession } from '../support/tmux.js';

/**
 * The Ink dashboard of `litrev review`, live, in a real terminal: the built CLI reviews two
 * example files against the local OpenAI-compatible server with 300 ms latency per request, and
 * the test reads the screen while the classification is still running, then the final summary.
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

  it('shows live progress per stage, then the files and the verification result', async () => {
    const cwd = await mkdtemp(path.join(tmpdir(), 'litrev-dashboard-'));
    const args = ['review', ...INPUTS, '--base-url', server.url, '--model', 'test-model', '--batch-size', '2', '--concurrency', '4', '--out', 'run'];
    const script =
      `env -u CI -u CONTINUOUS_INTEGRATION TERM=xterm-256color ${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} ${args.map((a) => JSON.stringify(a)).join(' ')}; ` +
      `echo "[exit $?]"; sleep 120`;
    tmux.run('new-session', '-d', '-s', 'review', '-x', '120', '-y', '45', '-c', cwd, 'sh', '-c', script);

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
    tmux.run('new-session', '-d', '-s', 'review', '-x', '120', '-y', '45', '-c', cwd, 'sh', '-c', script);
    await tmux.waitForScreen((s) => /classify/.test(s) && /in flight/.test(s), 'live classify progress', 600);
    tmux.run('send-keys', '-t', 'review', 'C-c');
    const end = await tmux.waitForScreen((s) => s.includes('[end]'), 'end of the run', 600);
    expect(end).toMatch(/litrev: interrupted; re-run the same command to resume: \d+ answers? (is|are) cached/);
    expect(end).toContain('[exit 130]');
    expect(end).toContain('[tty restored]');
  });
});
