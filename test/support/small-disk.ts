import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, openSync, rmSync, statfsSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const PRELOAD = path.resolve(__dirname, 'full-disk-preload.mjs');

/**
 * A small file system for full-disk tests: a real tmpfs of `bytes` when this machine lets the tests mount
 * one (root on Linux), else a plain folder whose quota a preloaded module enforces inside the spawned
 * litrev (`env` carries it). `fill()` takes every byte still free.
 */
export interface SmallDisk {
  dir: string;
  kind: 'tmpfs' | 'injected';
  /** Environment for a spawned litrev that writes under `dir`. */
  env: Record<string, string>;
  fill(): void;
  release(): void;
}

export function smallDisk(bytes: number): SmallDisk {
  const dir = mkdtempSync(path.join(tmpdir(), 'litrev-small-disk-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${bytes}`, 'tmpfs', dir], { stdio: 'ignore' });
    return {
      dir,
      kind: 'tmpfs',
      env: {},
      fill: () => fillUntilFull(path.join(dir, 'filler')),
      release: () => {
        execFileSync('umount', [dir], { stdio: 'ignore' });
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch {
    let limit = bytes;
    return {
      dir,
      kind: 'injected',
      get env() {
        return { NODE_OPTIONS: `--import=${PRELOAD}`, LITREV_TEST_DISK_DIR: dir, LITREV_TEST_DISK_BYTES: String(limit) };
      },
      fill: () => {
        limit = 0;
      },
      release: () => rmSync(dir, { recursive: true, force: true }),
    };
  }
}

function fillUntilFull(file: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const fd = openSync(file, 'w');
  const chunk = Buffer.alloc(Math.max(4096, Math.min(1 << 20, statfsSync(path.dirname(file)).bsize * 16)), 120);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
  } finally {
    closeSync(fd);
  }
  // A write of a smaller piece may still fit in the last block: take it too.
  const fd2 = openSync(file, 'a');
  try {
    for (;;) writeSync(fd2, Buffer.alloc(1, 120));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
  } finally {
    closeSync(fd2);
  }
}
