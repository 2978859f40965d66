import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startOpenAIServer, type OpenAIServer } from '../support/openai-server.js';
import { hasTmux, tmuxSession } from '../support/tmux.js';

/**
 * `litrev chat` end to end in a real terminal: tmux runs the built CLI in a detached session of a
 * fixed size, the test types a question, reads the screen until the cited answer is there, leaves,
 * and checks that the process ended with exit code 0 and gave the terminal back (canonical mode).
 */
const ROOT = path.resolve(__dirname, '../..');
const CLI = path.join(ROOT, 'bin/litrev.js');
const CORPUS = path.join(ROOT, 'examples/corpus');
const tmux = tmuxSession(`litrev-chat-test-${process.pid}`, 'chat');

/** Start the chat; `ci` keeps CI=true in its environment (Ink then prints only finished output). */
async function startChat(ci: boolean, engine = '--offline', size = { x: 120, y: 40 }): Promise<void> {
  const cwd = await mkdtemp(path.join(tmpdir(), 'litrev-chat-'));
  const env = ci ? 'env CI=true' : 'env -u CI -u CONTINUOUS_INTEGRATION -u OPENAI_API_KEY';
  // After litrev exits, the shell reports its exit code and whether the terminal is back in canonical mode.
  const script =
    `${env} TERM=xterm-256color ${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} chat --in ${JSON.stringify(CORPUS)} ${engine}; ` +
    `echo "[exit $?]"; stty -a | grep -q ' icanon' && echo '[tty restored]'; echo '[end]'; sleep 120`;
  tmux.run('new-session', '-d', '-s', 'chat', '-x', String(size.x), '-y', String(size.y), '-c', cwd, 'sh', '-c', script);
}

describe.skipIf(!hasTmux)('litrev chat under tmux (skipped when tmux is not installed)', () => {
  let server: OpenAIServer | undefined;
  afterEach(async () => {
    tmux.kill();
    await server?.close();
    server = undefined;
  });

  it('Esc stops a follow-up answer that is still being written, and the chat goes on', async () => {
    // The first answer comes at once; the follow-up hangs until Esc; the third comes at once again.
    server = await startOpenAIServer({
      handler: (req) => {
        if (req.lastUser.includes('follow-up question')) return { hang: true };
        return { content: `Answered: ${req.index}.` };
      },
    });
    await startChat(false, `--base-url ${server.url} --model test-model --cache-dir ${path.join(tmpdir(), `litrev-chat-cache-${process.pid}`)}`);
    await tmux.waitForScreen((s) => s.includes('litrev chat ·'), 'chat header');
    tmux.run('send-keys', '-t', 'chat', '-l', 'Which methods compress the KV cache?');
    tmux.run('send-keys', '-t', 'chat', 'Enter');
    // Wait until the answer is finished (the hint line is back), not only visible while it streams.
    const idle = (s: string) => s.includes('Enter asks ·');
    await tmux.waitForScreen((s) => s.includes('Answered:') && idle(s), 'first answer');
    tmux.run('send-keys', '-t', 'chat', '-l', 'And the follow-up question about it?');
    tmux.run('send-keys', '-t', 'chat', 'Enter');
    await tmux.waitForScreen((s) => s.includes('Esc stops it'), 'answer in progress');
    tmux.run('send-keys', '-t', 'chat', 'Escape');
    await tmux.waitForScreen((s) => s.includes('(answer stopped)') && idle(s), 'stopped follow-up');
    tmux.run('send-keys', '-t', 'chat', '-l', 'What is quantization-aware training?');
    tmux.run('send-keys', '-t', 'chat', 'Enter');
    await tmux.waitForScreen((s) => (s.match(/Answered:/g) ?? []).length >= 2, 'third answer');
    tmux.run('send-keys', '-t', 'chat', 'C-c');
    const after = await tmux.waitForScreen((s) => s.includes('[end]'), 'exit code');
    expect(after).toContain('[exit 0]');
  });

  it('dist/ is built (npm test builds it before vitest)', () => {
    expect(existsSync(path.join(ROOT, 'dist/cli/main.js'))).toBe(true);
  });

  it('answers a typed question with citations and leaves cleanly with /exit', async () => {
    await startChat(false);
    await tmux.waitForScreen((s) => s.includes('litrev chat ·') && s.includes('OFFLINE ENGINE'), 'chat header');
    tmux.run('send-keys', '-t', 'chat', '-l', 'Which methods compress the KV cache?');
    await tmux.waitForScreen((s) => s.includes('› Which methods compress the KV cache?'), 'typed question in the input box');
    tmux.run('send-keys', '-t', 'chat', 'Enter');
    const answered = await tmux.waitForScreen((s) => /\[@[^\]\s]+\]/.test(s) && s.includes('Sources:'), 'cited answer');
    expect(answered).toMatch(/^- \S/m);
    tmux.run('send-keys', '-t', 'chat', '-l', '/exit');
    tmux.run('send-keys', '-t', 'chat', 'Enter');
    const after = await tmux.waitForScreen((s) => s.includes('[end]'), 'exit code');
    expect(after).toContain('[exit 0]');
    expect(after).toContain('[tty restored]');
  });

  it('at 80 x 24: answers and sources wrap with a hanging indent, a ranking stays whole, and /exit leaves no input box behind', async () => {
    await startChat(false, '--offline', { x: 80, y: 24 });
    await tmux.waitForScreen((s) => s.includes('litrev chat ·') && s.includes('Enter asks'), 'chat header');
    tmux.run('send-keys', '-t', 'chat', '-l', 'Which methods compress the KV cache?');
    tmux.run('send-keys', '-t', 'chat', 'Enter');
    // A long answer scrolls its first lines off a 24-line screen: they are read from the scrollback.
    await tmux.waitForScreen((s) => s.includes('Enter asks') && tmux.history().includes('Sources:'), 'cited answer');
    tmux.run('send-keys', '-t', 'chat', '-l', '/sources');
    tmux.run('send-keys', '-t', 'chat', 'Enter');
    await tmux.waitForScreen((s) => /\(bm25 [\d-]+\)/.test(s) && s.includes('Enter asks'), 'the sources list');
    tmux.run('send-keys', '-t', 'chat', '-l', '/exit');
    tmux.run('send-keys', '-t', 'chat', 'Enter');
    await tmux.waitForScreen((s) => s.includes('[end]'), 'exit code');
    const all = tmux.history();
    expect(all).toContain('[exit 0]');
    const lines = all.split('\n');
    // The answer: no line starts with a lone space; a bullet continues under its text (never at column 0), so each
    // bullet with its continuation lines ends with its citation.
    const answer = lines.slice(lines.findIndex((l) => l.startsWith('› Which methods')) + 1, lines.indexOf('Sources:')).filter((l) => l.trim() !== '');
    for (const l of answer) expect(l).not.toMatch(/^ \S/);
    const bullets: string[] = [];
    for (const l of answer) {
      if (l.startsWith('- ')) bullets.push(l);
      else if (l.startsWith('  ') && bullets.length > 0) bullets[bullets.length - 1] += ` ${l.trim()}`;
    }
    expect(bullets.length).toBeGreaterThan(0);
    for (const b of bullets) expect(b).toMatch(/\[@[^\]\s]+\]$/);
    // /sources: numbered entries continued under their text; a ranking is never split over two lines.
    const sources = lines.slice(lines.indexOf('Sources of the last answer:') + 1).filter((l) => /^( \d\.|\d\d\.| {4}\S)/.test(l));
    expect(sources.length).toBeGreaterThanOrEqual(2);
    expect(all).not.toMatch(/\(bm25\s*$/m);
    expect(all).not.toMatch(/^\s*[\d-]+\)\s*$/m);
    // Leaving: the box holding "/exit" is gone from the screen left behind.
    expect(all).not.toMatch(/│ › \/exit/);
  });

  it('works with CI=true in its environment and leaves on Ctrl-C', async () => {
    await startChat(true);
    await tmux.waitForScreen((s) => s.includes('litrev chat ·'), 'chat header');
    // With CI set Ink draws no input box: wait until the app has the keyboard (raw mode) instead.
    await tmux.waitFor(() => tmux.inRawMode(), 'raw mode');
    tmux.run('send-keys', '-t', 'chat', '-l', 'What is quantization-aware training?');
    tmux.run('send-keys', '-t', 'chat', 'Enter');
    await tmux.waitForScreen((s) => /\[@[^\]\s]+\]/.test(s), 'cited answer');
    tmux.run('send-keys', '-t', 'chat', 'C-c');
    const after = await tmux.waitForScreen((s) => s.includes('[end]'), 'exit code');
    expect(after).toContain('[exit 0]');
    expect(after).toContain('[tty restored]');
  });
});
