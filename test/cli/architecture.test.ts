import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(__dirname, '../../src');

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

describe('architecture', () => {
  const files = walk(SRC).filter((f) => /\.(ts|tsx)$/.test(f));

  it('only src/ui imports ink or react', () => {
    const offenders = files
      .filter((f) => !f.startsWith(path.join(SRC, 'ui') + path.sep))
      .filter((f) => /from\s+['"](ink|react|ink-[\w-]+)(\/[^'"]*)?['"]/.test(readFileSync(f, 'utf8')));
    expect(offenders.map((f) => path.relative(SRC, f))).toEqual([]);
  });

  it('only src/config reads process.env', () => {
    const offenders = files
      .filter((f) => !f.startsWith(path.join(SRC, 'config') + path.sep))
      .filter((f) => /process\.env/.test(readFileSync(f, 'utf8')));
    expect(offenders.map((f) => path.relative(SRC, f))).toEqual([]);
  });

  it('file names are kebab-case', () => {
    const bad = files.map((f) => path.basename(f)).filter((n) => !/^[a-z0-9]+(-[a-z0-9]+)*(\.test)?\.tsx?$/.test(n));
    expect(bad).toEqual([]);
  });
});
