import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { corpusHash } from '../../src/corpus/corpus-hash.js';
import { ingestPaths } from '../../src/corpus/ingest.js';
import { resolveCorpus } from '../../src/corpus/resolve-corpus.js';
import { corpusPath, loadCorpus, loadPreviousKeys, readCorpusHead, saveCorpus } from '../../src/corpus/store.js';
import { NoInputError } from '../../src/errors.js';
import { loadRunNotes } from '../../src/retrieval/load-run-notes.js';
import { tempDir, tempFiles } from './support.js';

const CSV = 'title,abstract,year\nFirst Stored Paper,"The first abstract, stored.",2021\nSecond Stored Paper,The second abstract.,2022\n';

describe('workspace store', () => {
  it('saves atomically and loads the same corpus back', async () => {
    const dir = await tempFiles({ 'p.csv': CSV });
    const workspace = path.join(await tempDir(), 'nested', '.litrev');
    const report = await ingestPaths(['p.csv'], { cwd: dir });
    const saved = await saveCorpus(workspace, report);
    expect(saved.hash).toBe(corpusHash(report.papers));
    expect((await readdir(workspace)).sort()).toEqual(['corpus.json', 'keys.json']);
    const loaded = await loadCorpus(workspace);
    expect(loaded).toEqual({ papers: report.papers, hash: saved.hash });
    expect(JSON.parse(await readFile(corpusPath(workspace), 'utf8')).version).toBe(1);
  });

  it('reads the hash and count from the head of the stored corpus, null when there is none or it is not one', async () => {
    const dir = await tempFiles({ 'p.csv': CSV });
    const workspace = await tempDir();
    expect(await readCorpusHead(workspace)).toBeNull();
    const saved = await saveCorpus(workspace, await ingestPaths(['p.csv'], { cwd: dir }));
    expect(await readCorpusHead(workspace)).toEqual({ hash: saved.hash, count: 2 });
    await writeFile(corpusPath(workspace), '{"version":1,"hash":');
    expect(await readCorpusHead(workspace)).toBeNull();
  });

  it('returns null for an empty workspace and a NoInputError for a damaged file', async () => {
    const workspace = await tempDir();
    expect(await loadCorpus(workspace)).toBeNull();
    await writeFile(corpusPath(workspace), '{"version":1,"papers":[');
    await expect(loadCorpus(workspace)).rejects.toThrow(NoInputError);
    await expect(loadCorpus(workspace)).rejects.toThrow(/damaged/);
    await writeFile(corpusPath(workspace), '{"version":1,"papers":[{"id":1}]}');
    await expect(loadCorpus(workspace)).rejects.toThrow(/not a litrev corpus/);
    await writeFile(path.join(workspace, 'keys.json'), '{"keys":');
    expect(await loadPreviousKeys(workspace)).toEqual(new Map());
  });

  it('keeps key assignments of papers left out of a later ingest', async () => {
    const dir = await tempFiles({ 'p.csv': CSV, 'q.csv': 'title,abstract\nOther Paper,Else.\n' });
    const workspace = await tempDir();
    const first = await ingestPaths(['p.csv'], { cwd: dir });
    await saveCorpus(workspace, first);
    await saveCorpus(workspace, await ingestPaths(['q.csv'], { cwd: dir, previousKeys: await loadPreviousKeys(workspace) }));
    const keys = await loadPreviousKeys(workspace);
    for (const p of first.papers) expect(keys.get(p.id)).toBe(p.key);
  });

  it('keeps the key of an untitled paper when its title turns up later', async () => {
    const abstract = 'A long enough abstract about speculative decoding with a small draft model that proposes tokens.';
    const dir = await tempFiles({
      'untitled.json': JSON.stringify([{ abstract }]),
      'titled.json': JSON.stringify([{ title: 'Speculative Decoding With Drafts', abstract }]),
    });
    const workspace = await tempDir();
    const first = await ingestPaths(['untitled.json'], { cwd: dir });
    await saveCorpus(workspace, first);
    const second = await ingestPaths(['untitled.json', 'titled.json'], { cwd: dir, previousKeys: await loadPreviousKeys(workspace) });
    expect(second.papers).toHaveLength(1);
    expect(second.papers[0]!.titleDerived).toBe(false);
    expect(second.papers[0]!.key).toBe(first.papers[0]!.key);
  });
});

describe('resolveCorpus', () => {
  it('ingests and stores given paths, then serves the stored corpus when none are given', async () => {
    const cwd = await tempFiles({ 'p.csv': CSV });
    const config = loadConfig({ cwd, env: {} });
    const { corpus, report } = await resolveCorpus(config, ['p.csv']);
    expect(report?.papers).toHaveLength(2);
    expect(corpus.papers).toHaveLength(2);
    const again = await resolveCorpus(config, []);
    expect(again).toEqual({ corpus, report: null, stored: null });
  });

  it('does not store with store: false', async () => {
    const cwd = await tempFiles({ 'p.csv': CSV });
    const config = loadConfig({ cwd, env: {} });
    await resolveCorpus(config, ['p.csv'], { store: false });
    expect(await loadCorpus(config.workspaceDir)).toBeNull();
  });

  it('throws NoInputError (exit 3) with a hint when there is nothing usable', async () => {
    const cwd = await tempFiles({ 'empty.txt': '' });
    const config = loadConfig({ cwd, env: {} });
    const none = resolveCorpus(config, []);
    await expect(none).rejects.toMatchObject({ exitCode: 3, hint: expect.stringContaining('litrev ingest PATH') });
    await expect(resolveCorpus(config, ['empty.txt'])).rejects.toMatchObject({ exitCode: 3, message: expect.stringContaining('empty.txt: empty file') });
  });
});

describe('key stickiness through DOIs', () => {
  it('keeps the key when a richer record of the same paper (same DOI) brings another title and abstract', async () => {
    const dir = await tempFiles({
      'preprint.json': JSON.stringify([{ title: 'Preprint Title of a Paper', abstract: 'Preprint abstract.', doi: '10.1000/same' }]),
      'published.json': JSON.stringify([
        { title: 'The Published Title', abstract: 'The published abstract is different.', doi: '10.1000/SAME', authors: ['Roe, Ann'], year: 2024, venue: 'J' },
      ]),
    });
    const workspace = await tempDir();
    const first = await ingestPaths(['preprint.json'], { cwd: dir });
    await saveCorpus(workspace, first);
    const second = await ingestPaths(['published.json', 'preprint.json'], { cwd: dir, previousKeys: await loadPreviousKeys(workspace) });
    expect(second.papers).toHaveLength(1);
    expect(second.papers[0]!.title).toBe('The Published Title');
    expect(second.papers[0]!.key).toBe(first.papers[0]!.key);
  });
});

describe('corpus identity (which earlier run ask and chat take their notes from)', () => {
  const rows = (second: string, third = 'Third Stored Paper,The third abstract.,2023') =>
    `title,abstract,year\nFirst Stored Paper,"The first abstract, stored.",2021\n${second}\n${third}\n`;
  const identity = async (csv: string) => {
    const report = await ingestPaths(['p.csv'], { cwd: await tempFiles({ 'p.csv': csv }) });
    return { ids: report.papers.map((p) => p.id).sort(), hash: (await saveCorpus(await tempDir(), report)).hash };
  };

  it('changes when any abstract or title is corrected, the paper ids staying the same', async () => {
    const base = await identity(rows('Second Stored Paper,The second abstract.,2022'));
    const abstract = await identity(rows('Second Stored Paper,The second abstract (corrected: 8 GPUs).,2022'));
    const lastAbstract = await identity(rows('Second Stored Paper,The second abstract.,2022', 'Third Stored Paper,The third abstract!,2023'));
    expect(abstract.ids).toEqual(base.ids);
    expect(lastAbstract.ids).toEqual(base.ids);
    expect(new Set([base.hash, abstract.hash, lastAbstract.hash]).size).toBe(3);
    const title = await identity(rows('Second Stored Paper (Extended),The second abstract.,2022'));
    expect(title.hash).not.toBe(base.hash);
  });

  it('does not depend on the order the papers come in', () => {
    const paper = (id: string, abstract: string) => ({ id, key: id, title: `T ${id}`, titleDerived: false, abstract, authors: [], sources: [] });
    const papers = [paper('b', 'B.'), paper('a', 'A.'), paper('c', 'C.'), paper('aa', 'AA.')];
    const hash = corpusHash(papers);
    expect(corpusHash([...papers].reverse())).toBe(hash);
    expect(corpusHash([papers[2]!, papers[0]!, papers[3]!, papers[1]!])).toBe(hash);
    expect(papers.map((p) => p.id)).toEqual(['b', 'a', 'c', 'aa']);
    // Moving a field's text to the next paper is a different corpus.
    expect(corpusHash([paper('a', 'A.B.'), paper('b', ''), paper('c', 'C.'), paper('aa', 'AA.')])).not.toBe(hash);
  });

  it('keeps the value runs already recorded: sha256 over id, title and abstract of each paper in id order', () => {
    const paper = (id: string, title: string, abstract: string) => ({ id, key: id, title, titleDerived: false, abstract, authors: [], sources: [] });
    const papers = [paper('pb', 'Second', 'B abstract.'), paper('pa', 'First', 'A abstract.'), paper('pab', 'Third', '')];
    // Run manifests store this value; a different one would stop ask and chat finding the notes of those runs.
    const known = '8c1c012325d9bea7f087743c1b244d3ddc917162d3777234dad507ece2241ffd';
    expect(corpusHash(papers)).toBe(known);
    expect(corpusHash([...papers].reverse())).toBe(known);
    // The same value from the documented layout, written out by hand (ids in code-unit order: pa < pab < pb).
    const layout = 'pa\u0000First\u0000A abstract.\u0001pab\u0000Third\u0000\u0001pb\u0000Second\u0000B abstract.\u0001';
    expect(createHash('sha256').update(layout).digest('hex')).toBe(known);
  });

  it('does not change with the order of the input rows', async () => {
    const a = await identity(rows('Second Stored Paper,The second abstract.,2022'));
    const b = await identity('title,abstract,year\nThird Stored Paper,The third abstract.,2023\nSecond Stored Paper,The second abstract.,2022\nFirst Stored Paper,"The first abstract, stored.",2021\n');
    expect(b.hash).toBe(a.hash);
  });

  it('a run over the uncorrected corpus is not where ask finds notes for the corrected one', async () => {
    const before = await identity(rows('Second Stored Paper,The second abstract.,2022'));
    const after = await identity(rows('Second Stored Paper,The second abstract (corrected).,2022'));
    const runs = await tempDir();
    await mkdir(path.join(runs, 'r1'), { recursive: true });
    await writeFile(path.join(runs, 'r1', 'run.json'), JSON.stringify({ runId: 'r1', createdAt: '2026-01-01T00:00:00Z', corpusHash: before.hash }));
    await writeFile(path.join(runs, 'r1', 'papers.jsonl'), JSON.stringify({ id: before.ids[0], status: 'ok', category: 'Stale', claims: [] }) + '\n');
    expect((await loadRunNotes(runs, before.hash))?.runId).toBe('r1');
    expect(await loadRunNotes(runs, after.hash)).toBeNull();
  });
});
