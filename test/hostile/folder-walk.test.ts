import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestPaths } from '../../src/corpus/ingest.js';
import { tempDir, tempFiles } from '../corpus/support.js';

const PAPER = 'title,abstract\nInside Paper,An abstract that belongs to the corpus.\n';
const SECRET = 'title,abstract\nOutside Secret,password=hunter2 lives here and must not be read.\n';

describe('folder walks stay inside their root', () => {
  it('a symlink to a folder outside the root is skipped, counted and said', async () => {
    const outside = await tempFiles({ 'secrets.csv': SECRET });
    const root = await tempFiles({ 'papers.csv': PAPER });
    await symlink(outside, path.join(root, 'elsewhere'));
    await symlink(path.join(outside, 'secrets.csv'), path.join(root, 'linked.csv'));
    const report = await ingestPaths(['.'], { cwd: root });
    expect(report.papers.map((p) => p.title)).toEqual(['Inside Paper']);
    const reasons = report.skipped.map((s) => s.reason).join('\n');
    expect(reasons).toMatch(/elsewhere: not read \(a symbolic link leading out of the folder/);
    expect(reasons).toMatch(/linked\.csv: not read \(a symbolic link leading out of the folder/);
  });

  it('with followSymlinks the outside folder is read', async () => {
    const outside = await tempFiles({ 'secrets.csv': SECRET });
    const root = await tempFiles({ 'papers.csv': PAPER });
    await symlink(outside, path.join(root, 'elsewhere'));
    const report = await ingestPaths(['.'], { cwd: root, followSymlinks: true });
    expect(report.papers.map((p) => p.title).sort()).toEqual(['Inside Paper', 'Outside Secret']);
  });

  it('a symlink that stays inside the root is read once', async () => {
    const root = await tempFiles({ 'papers.csv': PAPER });
    await mkdir(path.join(root, 'sub'));
    await symlink(path.join(root, 'papers.csv'), path.join(root, 'sub', 'again.csv'));
    const report = await ingestPaths(['.'], { cwd: root });
    expect(report.papers.map((p) => p.title)).toEqual(['Inside Paper']);
  });

  it.runIf(existsSync('/proc/self'))('a link to /proc/self is never walked, even with followSymlinks', async () => {
    const root = await tempFiles({ 'papers.csv': PAPER });
    await symlink('/proc/self', path.join(root, 'proc'));
    await symlink('/dev', path.join(root, 'devices'));
    for (const followSymlinks of [false, true]) {
      const report = await ingestPaths(['.'], { cwd: root, followSymlinks });
      expect(report.papers.map((p) => p.title)).toEqual(['Inside Paper']);
      expect(report.skipped.map((s) => s.reason).join('\n')).toMatch(/proc: not read \(a system folder/);
    }
  });

  it.runIf(existsSync('/proc/self'))('/proc named as an input is refused, not walked', async () => {
    const cwd = await tempDir();
    const report = await ingestPaths(['/proc/self'], { cwd });
    expect(report.papers).toEqual([]);
    expect(report.skipped[0]!.reason).toMatch(/a system folder/);
  });

  it('a FIFO in the folder is passed over without blocking', async () => {
    const root = await tempFiles({ 'papers.csv': PAPER });
    const { execFileSync } = await import('node:child_process');
    try {
      execFileSync('mkfifo', [path.join(root, 'pipe.csv')]);
    } catch {
      return;
    }
    await writeFile(path.join(root, 'more.txt'), '');
    const report = await ingestPaths(['.'], { cwd: root });
    expect(report.papers.map((p) => p.title)).toEqual(['Inside Paper']);
  });
});
