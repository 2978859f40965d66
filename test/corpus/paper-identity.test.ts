import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestPaths } from '../../src/corpus/ingest.js';
import { assignIds } from '../../src/corpus/paper-id.js';
import { KEYS_FILE, loadPreviousKeys, saveCorpus } from '../../src/corpus/store.js';
import { tempDir, tempFiles } from './support.js';

/**
 * Paper ids and the key registry are stored (runs' papers.jsonl, the workspace's keys.json): a paper must get the
 * same id, and find its key under the same alias ids, across re-ingests and litrev versions. The expected ids are
 * written out from their definition (`p` + the first 12 hex digits of sha256 of the identity string), not taken
 * from the code under test.
 */
const id = (identity: string) => `p${createHash('sha256').update(identity).digest('hex').slice(0, 12)}`;
const ABSTRACT = 'We keep the most attended tokens and drop the rest, halving memory use during inference.';
const ABSTRACT_MATCH = 'wekeepthemostattendedtokensanddroptheresthalvingmemoryuseduringinference';

describe('paper ids', () => {
  it('a titled paper: its title in matching form, the same in every format and spelling', async () => {
    const dir = await tempFiles({
      'a.json': JSON.stringify([{ title: 'Heavy Hitters: Keeping the KV Cache Small', abstract: ABSTRACT }]),
      'b.bib': '@article{x, title = {{H}eavy hitters -- keeping the {KV} cache small.}, year = 2024}\n',
    });
    const expected = id('t:heavyhitterskeepingthekvcachesmall');
    expect((await ingestPaths(['a.json'], { cwd: dir })).papers.map((p) => p.id)).toEqual([expected]);
    expect((await ingestPaths(['b.bib'], { cwd: dir })).papers.map((p) => p.id)).toEqual([expected]);
    // Re-ingesting with another paper alongside does not move it.
    const both = await ingestPaths([dir]);
    expect(both.papers.map((p) => p.id)).toEqual([expected]);
  });

  it('an untitled paper: its abstract in matching form', async () => {
    const dir = await tempFiles({ 'u.json': JSON.stringify([{ abstract: ABSTRACT }]), 'v.json': JSON.stringify([{ abstract: ABSTRACT.toUpperCase().replace(/ /g, '  ') }]) });
    for (const file of ['u.json', 'v.json']) {
      const [p] = (await ingestPaths([file], { cwd: dir })).papers;
      expect(p).toMatchObject({ titleDerived: true, id: id(`a:${ABSTRACT_MATCH}`) });
    }
  });

  it('papers kept apart under one title: title and abstract, then the DOI, then the source record', async () => {
    const dir = await tempFiles({
      'dl.json': JSON.stringify([
        { title: 'Deep Learning', abstract: 'A review.', doi: '10.1038/nature14539' },
        { title: 'Deep Learning', abstract: 'A review.', doi: '10.5555/3086952' },
      ]),
      // A generic title and a short abstract are not enough to merge: three records, three papers.
      'intro.json': JSON.stringify([0, 1, 2].map(() => ({ title: 'Introduction', abstract: 'A chapter.' }))),
      'untitled.json': JSON.stringify([{ abstract: 'Short note.' }, { abstract: 'Short note.' }, { abstract: 'short NOTE' }]),
    });
    const ids = async (file: string) => (await ingestPaths([file], { cwd: dir })).papers.map((p) => p.id).sort();
    expect(await ids('dl.json')).toEqual([id('t:deeplearning\0areview'), id('t:deeplearning\0areview\u000010.5555/3086952')].sort());
    expect(await ids('intro.json')).toEqual([id('t:introduction\0achapter'), id('t:introduction\0achapter\0'), id('t:introduction\0intro.json#2')].sort());
    expect(await ids('untitled.json')).toEqual([id('a:shortnote\0shortnote'), id('a:shortnote\0shortnote\0'), id('a:shortnote\0untitled.json#2')].sort());
  });

  it('ids stay unique among papers nothing tells apart (same title, abstract and DOI, no source)', () => {
    const twin = () => ({ title: 'Introduction', titleDerived: false, abstract: 'A chapter.' });
    const ids = assignIds([twin(), twin(), twin(), twin(), twin()]).map((p) => p.id);
    expect(new Set(ids).size).toBe(5);
    for (const x of ids) expect(x).toMatch(/^p[0-9a-f]{12}$/);
  });
});

describe('the key registry (keys.json)', () => {
  const PAPER = { title: 'Heavy Hitters: Keeping the KV Cache Small', abstract: ABSTRACT, doi: '10.1000/HH.1', arxiv_id: '2401.00001v2', authors: ['Smith, Ann'], year: 2024 };

  it('records a paper under its id, its abstract id, its DOI (lower case) and its arXiv id (no version)', async () => {
    const dir = await tempFiles({ 'a.json': JSON.stringify([PAPER, { title: 'A Paper Without Abstract', authors: ['Roe, Bo'], year: 2020 }]) });
    const workspace = await tempDir();
    const report = await ingestPaths(['a.json'], { cwd: dir });
    await saveCorpus(workspace, report);
    const keys = JSON.parse(await readFile(path.join(workspace, KEYS_FILE), 'utf8')).keys;
    const [hh, bare] = ['Heavy Hitters', 'Without Abstract'].map((t) => report.papers.find((p) => p.title.includes(t))!.key);
    expect(keys).toEqual({
      [id('t:heavyhitterskeepingthekvcachesmall')]: hh,
      [id(`a:${ABSTRACT_MATCH}`)]: hh,
      'doi:10.1000/hh.1': hh,
      'arxiv:2401.00001': hh,
      [id('t:apaperwithoutabstract')]: bare,
    });
  });

  it('a registry written earlier gives the key back through any of them, whatever else changed', async () => {
    const workspace = await tempDir();
    const write = (keys: Record<string, string>) => writeFile(path.join(workspace, KEYS_FILE), JSON.stringify({ version: 1, keys }));
    const keyOf = async (record: object) => {
      const dir = await tempFiles({ 'p.json': JSON.stringify([record]) });
      return (await ingestPaths(['p.json'], { cwd: dir, previousKeys: await loadPreviousKeys(workspace) })).papers[0]!.key;
    };
    await write({ 'doi:10.1000/hh.1': 'byDoi' });
    expect(await keyOf({ ...PAPER, title: 'Heavy Hitters (Journal Version)', abstract: 'Another abstract.', arxiv_id: undefined })).toBe('byDoi');
    await write({ 'arxiv:2401.00001': 'byArxiv' });
    expect(await keyOf({ ...PAPER, title: 'Heavy Hitters (v12)', abstract: 'Another abstract.', doi: undefined, arxiv_id: 'arXiv:2401.00001v12' })).toBe('byArxiv');
    await write({ [id(`a:${ABSTRACT_MATCH}`)]: 'byAbstract' });
    expect(await keyOf({ ...PAPER, title: 'Heavy Hitters, Retitled', doi: undefined, arxiv_id: undefined })).toBe('byAbstract');
    await write({ [id('t:heavyhitterskeepingthekvcachesmall')]: 'byTitle' });
    expect(await keyOf({ ...PAPER, abstract: 'Another abstract.', doi: undefined, arxiv_id: undefined })).toBe('byTitle');
    // A paper none of whose ids is in the registry gets a key of its own.
    expect(await keyOf({ title: 'Unrelated Paper', authors: ['Roe, Bo'], year: 2020 })).not.toMatch(/^by/);
  });
});
