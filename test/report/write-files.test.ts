import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import { chunkLines } from '../../src/report/chunk-lines.js';
import { writeFilesAtomic } from '../../src/report/write-files.js';

describe('writeFilesAtomic', () => {
  it('writes every file (creating folders), replaces old content and leaves no temp file', async () => {
    const dir = path.join(await mkdtemp(path.join(tmpdir(), 'litrev-write-')), 'run', 'out');
    const first = await writeFilesAtomic(dir, { 'review.md': 'old\n', 'sub/a.json': '{}\n' });
    expect(first).toEqual([path.join(dir, 'review.md'), path.join(dir, 'sub/a.json')]);
    await writeFilesAtomic(dir, { 'review.md': 'new\n' });
    expect(await readFile(path.join(dir, 'review.md'), 'utf8')).toBe('new\n');
    expect((await readdir(dir)).sort()).toEqual(['review.md', 'sub']);
  });

  it('fails with a ConfigError naming the path when the folder cannot be written', async () => {
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'litrev-write-')), 'a-file');
    await writeFile(file, 'x');
    const err = await writeFilesAtomic(path.join(file, 'out'), { 'review.md': 'x' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toContain(file);
  });

  it('writes lazily produced chunks (large per-paper files) as the same bytes, producing each chunk only when written', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'litrev-write-'));
    const items = Array.from({ length: 1234 }, (_, i) => ({ i, text: `é ${i}` }));
    let produced = 0;
    const lines = chunkLines(items, (item) => {
      produced++;
      return `${JSON.stringify(item)}\n`;
    });
    expect(produced).toBe(0);
    const chunks = [...chunkLines(items, (item) => `${JSON.stringify(item)}\n`)];
    expect(chunks.map((c) => c.split('\n').length - 1)).toEqual([500, 500, 234]);
    await writeFilesAtomic(dir, { 'papers.jsonl': lines });
    expect(produced).toBe(1234);
    expect(await readFile(path.join(dir, 'papers.jsonl'), 'utf8')).toBe(chunks.join(''));
  });
});
