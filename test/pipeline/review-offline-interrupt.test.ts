import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Ctrl-C while the offline engine is busy: its stages work in slices and check the signal between
 * them, so the run stops in the middle of a CPU-bound stage (exit 130, no run.json) instead of
 * finishing it first.
 */
const ROOT = path.resolve(__dirname, '../..');

describe('interrupting an offline review', () => {
  it('stops during a CPU-bound stage with exit 130 and writes no finished run', async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'litrev-offline-interrupt-'));
    const out = path.join(cwd, 'out');
    const args = ['review', path.join(ROOT, 'examples/corpus'), '--offline', '--plain', '--out', out];
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/litrev.js'), ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    const started = new Promise<void>((resolve) => {
      child.stderr.on('data', (d) => {
        stderr += d;
        if (stderr.includes('[classify] started')) resolve();
      });
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await started;
    child.kill('SIGINT');
    expect(await exited, stderr).toBe(130);
    expect(stderr.trim().split('\n').at(-1)).toMatch(/^litrev: (classify |taxonomy |synthesize )?interrupted$/);
    expect(existsSync(path.join(out, 'run.json'))).toBe(false);
  }, 60_000);
});
