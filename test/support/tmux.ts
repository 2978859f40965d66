import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';

/** Drive a program in a detached tmux session on a private socket (for end-to-end terminal tests). */
export const hasTmux = spawnSync('tmux', ['-V']).status === 0;

const POLL_MS = 100;
const MAX_POLLS = 300;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface TmuxSession {
  run(...args: string[]): string;
  screen(): string;
  /** The pane's scrollback and screen, oldest line first (what scrolled off a small terminal too). */
  history(): string;
  /** Poll the screen until `check` holds (bounded); returns the screen that satisfied it. */
  waitForScreen(check: (text: string) => boolean, what: string, maxPolls?: number): Promise<string>;
  waitFor(check: () => boolean, what: string): Promise<void>;
  /** Whether the pane's terminal is in raw mode, i.e. the app reads keys one by one. */
  inRawMode(): boolean;
  kill(): void;
}

export function tmuxSession(socket: string, name: string): TmuxSession {
  const run = (...args: string[]): string => {
    const r = spawnSync('tmux', ['-L', socket, '-f', '/dev/null', ...args], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`tmux ${args[0]} failed: ${r.stderr.trim()}`);
    return r.stdout;
  };
  const screen = () => run('capture-pane', '-p', '-t', name);
  return {
    run,
    screen,
    history: () => run('capture-pane', '-p', '-S', '-', '-t', name),
    async waitForScreen(check, what, maxPolls = MAX_POLLS) {
      let text = '';
      for (let i = 0; i < maxPolls; i++) {
        text = screen();
        if (check(text)) return text;
        await sleep(POLL_MS);
      }
      throw new Error(`no ${what} on the screen after ${(maxPolls * POLL_MS) / 1000} s; the screen was:\n${text}`);
    },
    async waitFor(check, what) {
      for (let i = 0; i < MAX_POLLS; i++) {
        if (check()) return;
        await sleep(POLL_MS);
      }
      throw new Error(`no ${what} after ${(MAX_POLLS * POLL_MS) / 1000} s; the screen was:\n${screen()}`);
    },
    inRawMode() {
      const tty = run('display-message', '-p', '-t', name, '#{pane_tty}').trim();
      const r = spawnSync('stty', ['-F', tty, '-a'], { encoding: 'utf8' });
      return r.status === 0 && r.stdout.includes('-icanon');
    },
    kill() {
      const where = spawnSync('tmux', ['-L', socket, 'display-message', '-p', '#{socket_path}'], { encoding: 'utf8' });
      spawnSync('tmux', ['-L', socket, 'kill-server']);
      const file = where.stdout.trim();
      if (where.status === 0 && file) rmSync(file, { force: true });
    },
  };
}
