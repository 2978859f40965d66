import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * Vitest global setup: tests that spawn the CLI run `dist/`, so it must be the build of `src/` as it is
 * now. Rebuilt (tsc -p tsconfig.build.json) when any compiled file is missing or older than its source;
 * two runs at once rebuild it once (a lock folder), the second waiting for the first.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const SRC = path.join(ROOT, 'src');
const DIST = path.join(ROOT, 'dist');
const LOCK = path.join(ROOT, '.dist-build.lock');

function* sources(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* sources(full);
    else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) yield full;
  }
}

/** The first source whose compiled file is missing or older, or null when dist/ is current. */
export function staleSource(): string | null {
  for (const file of sources(SRC)) {
    const built = path.join(DIST, path.relative(SRC, file)).replace(/\.tsx?$/, '.js');
    if (!existsSync(built) || statSync(built).mtimeMs < statSync(file).mtimeMs) return path.relative(ROOT, file);
  }
  return null;
}

function takeLock(): boolean {
  try {
    mkdirSync(LOCK);
    return true;
  } catch {
    return false;
  }
}

export default async function setup(): Promise<void> {
  const deadline = Date.now() + 300_000;
  while (staleSource() !== null) {
    if (takeLock()) {
      try {
        const stale = staleSource();
        if (stale === null) return;
        process.stderr.write(`dist/ is older than ${stale}: building it (tsc -p tsconfig.build.json)\n`);
        const tsc = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit' });
        if (tsc.status !== 0) throw new Error('the build of dist/ failed: the tests that spawn the CLI would run stale code');
        return;
      } finally {
        rmSync(LOCK, { recursive: true, force: true });
      }
    }
    if (Date.now() > deadline) throw new Error(`another run holds ${LOCK} for more than 5 minutes: remove it if no test run is building dist/`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
