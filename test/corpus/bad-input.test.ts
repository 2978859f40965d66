import { chmod, mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fsReason } from '../../src/corpus/collect-files.js';
import { ingestPaths } from '../../src/corpus/ingest.js';
import { tempFiles } from './support.js';

const GOOD = 'title,abstract\nA Good Paper,It is read whatever happens around it.\n';

describe('bad input', () => {
  it('reports each bad file in one line naming it, and still ingests the good one', async () => {
    const dir = await tempFiles({
      'good.csv': GOOD,
      'empty.txt': '',
      'blank.md': '  \n\n \t\n',
      'image.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]),
      'noheader.csv': 'just,some,values\n1,2,3\n',
      'holes.csv': 'title,abstract\n,\nAnother Good Paper,Fine.\n',
    });
    const report = await ingestPaths(['good.csv', 'empty.txt', 'blank.md', 'image.png', 'noheader.csv', 'holes.csv', 'missing.bib'], { cwd: dir });
    expect(report.papers.map((p) => p.title).sort()).toEqual(['A Good Paper', 'Another Good Paper']);
    expect(report.skipped).toEqual([
      { path: 'missing.bib', reason: 'missing.bib: no such file or directory' },
      { path: 'empty.txt', reason: 'empty.txt: empty file' },
      { path: 'blank.md', reason: 'blank.md: empty file (only whitespace)' },
      { path: 'image.png', reason: 'image.png: binary file (NUL byte at offset 8)' },
      {
        path: 'noheader.csv',
        reason: 'noheader.csv: no column named title or abstract; columns found: "just", "some", "values"; to read them, add --map title="COLUMN" --map abstract="COLUMN"',
      },
      { path: 'holes.csv', reason: 'holes.csv: line 2: record has neither title nor abstract' },
    ]);
    for (const s of report.skipped) {
      expect(s.reason).not.toContain('\n');
      expect(s.reason).not.toMatch(/\bat .*:\d+:\d+/);
    }
    expect(report.files.find((f) => f.path === 'image.png')).toMatchObject({ format: null, records: 0 });
  });

  it.skipIf(process.getuid?.() === 0)('reports a file it may not read', async () => {
    const dir = await tempFiles({ 'secret.csv': GOOD });
    await chmod(path.join(dir, 'secret.csv'), 0o000);
    const report = await ingestPaths(['secret.csv'], { cwd: dir });
    expect(report.skipped).toEqual([{ path: 'secret.csv', reason: 'secret.csv: permission denied' }]);
  });

  it('answers a table with unknown headers with the headers found and the --map settings that read it', async () => {
    const dir = await tempFiles({ 'sheet.csv': 'Paper Name,Summary text\n"A study of X","We study X and find Y."\n' });
    const refused = await ingestPaths(['sheet.csv'], { cwd: dir });
    expect(refused.skipped.map((s) => s.reason)).toEqual([
      'sheet.csv: no column named title or abstract; columns found: "Paper Name", "Summary text"; to read them, add --map title="Paper Name" --map abstract="Summary text"',
    ]);
    const read = await ingestPaths(['sheet.csv'], { cwd: dir, columnMap: { title: 'Paper Name', abstract: 'Summary text' } });
    expect(read.papers.map((p) => p.title)).toEqual(['A study of X']);
  });

  it('turns file-system errors into short reasons', () => {
    const err = (code: string) => Object.assign(new Error(`${code}: long message, open '/x'`), { code });
    expect(fsReason(err('EACCES'))).toBe('permission denied');
    expect(fsReason(err('EPERM'))).toBe('permission denied');
    expect(fsReason(err('ENOENT'))).toBe('no such file or directory');
    expect(fsReason(err('EISDIR'))).toBe('is a folder');
  });

  it('walks folders recursively, skipping hidden entries, documentation and foreign file types with a reason', async () => {
    const dir = await tempFiles({ 'README.md': '# About this folder\n\nNot a paper.\n', 'paper.pdf': '%PDF-1.4', '.hidden.csv': GOOD });
    await mkdir(path.join(dir, 'sub', 'deeper'), { recursive: true });
    await writeFile(path.join(dir, 'sub', 'deeper', 'good.csv'), GOOD);
    await symlink(path.join(dir, 'nowhere.csv'), path.join(dir, 'sub', 'dangling.csv'));
    const report = await ingestPaths(['.'], { cwd: dir });
    expect(report.papers.map((p) => p.title)).toEqual(['A Good Paper']);
    expect(report.files.filter((f) => f.format !== null).map((f) => f.path)).toEqual([path.join('sub', 'deeper', 'good.csv')]);
    expect(report.skipped.map((s) => s.reason)).toEqual([
      'README.md: skipped in a folder walk (a documentation file; name it to read it)',
      'paper.pdf: skipped in a folder walk (.pdf is not an input format; name it to read it)',
      `${path.join('sub', 'dangling.csv')}: broken symbolic link`,
    ]);
  });

  it('reads a file given twice (or through a folder and by name) once', async () => {
    const dir = await tempFiles({ 'good.csv': GOOD });
    const report = await ingestPaths(['good.csv', '.', './good.csv'], { cwd: dir });
    expect(report.records).toBe(1);
    expect(report.files.filter((f) => f.format !== null)).toHaveLength(1);
  });

  it('stops cleanly when aborted', async () => {
    const dir = await tempFiles({ 'good.csv': GOOD });
    const controller = new AbortController();
    controller.abort();
    await expect(ingestPaths(['good.csv'], { cwd: dir, signal: controller.signal })).rejects.toMatchObject({ exitCode: 130 });
  });
});
