import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { corpusHash } from '../../src/corpus/corpus-hash.js';
import { corpusPath, saveCorpusState } from '../../src/corpus/store.js';
import { AbortedError } from '../../src/errors.js';
import { indexStem } from '../../src/qa/index-store.js';
import { ensureQuestionStore, ensureWorkspaceStore } from '../../src/qa/question-store.js';
import { openStoredTable } from '../../src/qa/stored-table.js';
import { SMALL_CORPUS } from '../retrieval/make-paper.js';

const temps: string[] = [];
const fresh = async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'litrev-question-store-'));
  temps.push(dir);
  return dir;
};
afterAll(async () => {
  for (const dir of temps) await rm(dir, { recursive: true, force: true });
});

const HASH = 'c'.repeat(64);
const corpus = { hash: HASH, size: SMALL_CORPUS.length, papers: () => SMALL_CORPUS };

/** A process id no process holds: one that has just exited. */
function deadPid(): number {
  return Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
}

describe('the question store built ahead of the first question', () => {
  it('is built once, then found; the table the first question opens comes from disk', async () => {
    const dir = await fresh();
    expect(await ensureQuestionStore(dir, corpus)).toBe('built');
    expect(await ensureQuestionStore(dir, corpus)).toBe('present');
    const stored = await openStoredTable(dir, corpus, null);
    expect(stored.fromDisk).toBe(true);
    expect(SMALL_CORPUS.map((_, i) => stored.table.paper(i))).toEqual(SMALL_CORPUS);
    stored.close();
  });

  it('reports its progress in papers, ending with all of them', async () => {
    const dir = await fresh();
    const seen: [number, number][] = [];
    await ensureQuestionStore(dir, corpus, { onProgress: (done, total) => seen.push([done, total]) });
    expect(seen.at(-1)).toEqual([SMALL_CORPUS.length, SMALL_CORPUS.length]);
  });

  it('stops at Ctrl-C, leaving no file of the store', async () => {
    const dir = await fresh();
    const controller = new AbortController();
    controller.abort();
    await expect(ensureQuestionStore(dir, corpus, { signal: controller.signal })).rejects.toBeInstanceOf(AbortedError);
    expect(await readdir(path.join(dir, 'qa-index'))).toEqual([]);
  });

  it('removes what a stopped build of another process left, and keeps what a running one is writing', async () => {
    const dir = await fresh();
    const stem = indexStem(dir, HASH);
    expect(await ensureQuestionStore(dir, corpus)).toBe('built');
    const abandoned = `${path.basename(stem)}.papers.jsonl.${deadPid()}.tmp`;
    const running = `${path.basename(stem)}.papers.jsonl.${process.ppid}.tmp`;
    await writeFile(path.join(dir, 'qa-index', abandoned), 'half');
    await writeFile(path.join(dir, 'qa-index', running), 'half');
    // A damaged store is built again.
    await writeFile(`${stem}.meta.json`, '{');
    expect(await ensureQuestionStore(dir, corpus)).toBe('built');
    const names = await readdir(path.join(dir, 'qa-index'));
    expect(names).not.toContain(abandoned);
    expect(names).toContain(running);
  });

  it("feeds the workspace's store from the papers held when they are the stored corpus, without reading corpus.json", async () => {
    const dir = await fresh();
    const held = await saveCorpusState(dir, { papers: SMALL_CORPUS, sources: [] });
    expect(held.hash).toBe(corpusHash(SMALL_CORPUS));
    // The head stays readable, the papers after it do not: only the papers held can build the store.
    const text = await readFile(corpusPath(dir), 'utf8');
    await writeFile(corpusPath(dir), `${text.slice(0, text.indexOf('\n') + 1)}{not json\n]}\n`);
    await expect(ensureWorkspaceStore(dir, null)).rejects.toThrow(/damaged/);
    await expect(ensureWorkspaceStore(dir, { hash: 'f'.repeat(64), papers: SMALL_CORPUS })).rejects.toThrow(/damaged/);
    expect(await ensureWorkspaceStore(dir, held)).toEqual({ result: 'built', papers: SMALL_CORPUS.length });
    const stored = await openStoredTable(dir, { hash: held.hash, size: SMALL_CORPUS.length, papers: () => [] }, null);
    expect(stored.fromDisk).toBe(true);
    expect(stored.table.size).toBe(SMALL_CORPUS.length);
    stored.close();
  });

  it('is nothing to do for a workspace without a corpus', async () => {
    expect(await ensureWorkspaceStore(await fresh(), null)).toBeNull();
  });
});
