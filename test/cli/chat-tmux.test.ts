import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

/**
 * `litrev chat` end to end in a real terminal: tmux runs the built CLI in a detached session of a
 * fixed size, the test types a question, reads the screen until the cited answer is there, leaves,
 * and checks that the process ended with exit code 0 and gave the terminal back (canonical mode).
 */
const ROOT = path.resolve(__dirname, '../..');
const CLI = path.join(ROOT, 'bin/litrev.js');
const CORPUS = path.join(ROOT, 'examples/corpus');
const hasTmux = spawnSync('tmux', ['-V']).status === 0;
const SOCKET = `litrev-chat-test-${process.pid}`;
const POLL_MS = 100;
const MAX_POLLS = 300;

function tmux(...args: string[]): string {
  const r = spawnSync('tmux', ['-L', SOCKET, '-f', '/dev/null', ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`tmux ${args[0]} failed: ${r.stderr.trim()}`);
  return r.stdout;
}

const screen = () => tmux('capture-pane', '-p', '-t', 'chat');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Whether the pane's terminal is in raw mode, i.e. the app reads keys one by one. */
function paneInRawMode(): boolean {
  const tty = tmux('display-message', '-p', '-t', 'chat', '#{pane_tty}').trim();
  const r = spawnSync('stty', ['-F', tty, '-a'], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.includes('-icanon');
}

async function waitFor(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < MAX_POLLS; i++) {
    if (check()) return;
    await sleep(POLL_MS);
  }
  throw new Error(`no ${what} after ${(MAX_POLLS * POLL_MS) / 1000} s; the screen was:\n${screen()}`);
}

async function waitForScreen(check: (text: string) => boolean, what: string): Promise<string> {
  let text = '';
  for (let i = 0; i < MAX_POLLS; i++) {
    text = screen();
    if (check(text)) return text;
    await sleep(POLL_MS);
  }
  throw new Error(`no ${what} on the screen after ${(MAX_POLLS * POLL_MS) / 1000} s; the screen was:\n${text}`);
}

/** Start the chat; `ci` keeps CI=true in its environment (Ink then prints only finished output). */
async function startChat(ci: boolean): Promise<void> {
  const cwd = await mkdtemp(path.join(tmpdir(), 'litrev-chat-'));
  const env = ci ? 'env CI=true' : 'env -u CI -u CONTINUOUS_INTEGRATION';
  // After litrev exits, the shell reports its exit code and whether the terminal is back in canonical mode.
  const script =
    `${env} TERM=xterm-256color ${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} chat --in ${JSON.stringify(CORPUS)} --offline; ` +
    `echo "[exit $?]"; stty -a | grep -q ' icanon' && echo '[tty restored]'; sleep 120`;
  tmux('new-session', '-d', '-s', 'chat', '-x', '110', '-y', '40', '-c', cwd, 'sh', '-c', script);
}

describe.skipIf(!hasTmux)('litrev chat under tmux (skipped when tmux is not installed)', () => {
  afterEach(() => {
    spawnSync('tmux', ['-L', SOCKET, 'kill-server']);
  });

  it('dist/ is built (npm test builds it before vitest)', () => {
    expect(existsSync(path.join(ROOT, 'dist/cli/main.js'))).toBe(true);
  });

  it('answers a typed question with citations and leaves cleanly with /exit', async () => {
    await startChat(false);
    await waitForScreen((s) => s.includes('litrev chat ·') && s.includes('OFFLINE ENGINE'), 'chat header');
    tmux('send-keys', '-t', 'chat', '-l', 'Which methods compress the KV cache?');
    await waitForScreen((s) => s.includes('› Which methods compress the KV cache?'), 'typed question in the input box');
    tmux('send-keys', '-t', 'chat', 'Enter');
    const answered = await waitForScreen((s) => /\[@[^\]\s]+\]/.test(s) && s.includes('Sources:'), 'cited answer');
    expect(answered).toMatch(/^- "/m);
    tmux('send-keys', '-t', 'chat', '-l', '/exit');
    tmux('send-keys', '-t', 'chat', 'Enter');
    const after = await waitForScreen((s) => s.includes('[exit '), 'exit code');
    expect(after).toContain('[exit 0]');
    expect(after).toContain('[tty restored]');
  });

  it('works with CI=true in its environment and leaves on Ctrl-C', async () => {
    await startChat(true);
    await waitForScreen((s) => s.includes('litrev chat ·'), 'chat header');
    // With CI set Ink draws no input box: wait until the app has the keyboard (raw mode) instead.
    await waitFor(paneInRawMode, 'raw mode');
    tmux('send-keys', '-t', 'chat', '-l', 'What is quantization-aware training?');
    tmux('send-keys', '-t', 'chat', 'Enter');
    await waitForScreen((s) => /\[@[^\]\s]+\]/.test(s), 'cited answer');
    tmux('send-keys', '-t', 'chat', 'C-c');
    const after = await waitForScreen((s) => s.includes('[exit '), 'exit code');
    expect(after).toContain('[exit 0]');
    expect(after).toContain('[tty restored]');
  });
});
