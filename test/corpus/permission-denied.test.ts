import { describe, expect, it, vi } from 'vitest';
import { ingestPaths } from '../../src/corpus/ingest.js';
import { tempFiles } from './support.js';

// Root may read anything, so "permission denied" is simulated at the file-system boundary.
vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs/promises')>();
  return {
    ...fs,
    readFile: (async (file: Parameters<typeof fs.readFile>[0], ...rest: unknown[]) => {
      if (String(file).endsWith('secret.csv')) throw Object.assign(new Error(`EACCES: permission denied, open '${String(file)}'`), { code: 'EACCES' });
      return (fs.readFile as (...a: unknown[]) => unknown)(file, ...rest);
    }) as typeof fs.readFile,
  };
});

describe('a file that cannot be read', () => {
  it('is skipped with "permission denied", the rest is ingested', async () => {
    const dir = await tempFiles({ 'secret.csv': 'title,abstract\nHidden,x\n', 'open.csv': 'title,abstract\nVisible Paper,Readable.\n' });
    const report = await ingestPaths(['secret.csv', 'open.csv'], { cwd: dir });
    expect(report.papers.map((p) => p.title)).toEqual(['Visible Paper']);
    expect(report.skipped).toEqual([{ path: 'secret.csv', reason: 'secret.csv: permission denied' }]);
  });
});
