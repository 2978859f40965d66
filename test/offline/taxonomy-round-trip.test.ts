import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { assignToTaxonomy } from '../../src/offline/assign-taxonomy.js';
import { classifyOffline } from '../../src/offline/classify.js';
import { induceTaxonomyOffline } from '../../src/offline/taxonomy.js';
import { renderTaxonomyJson } from '../../src/report/taxonomy-json.js';
import { parseTaxonomyFile } from '../../src/review/parse-taxonomy-file.js';
import type { Taxonomy } from '../../src/review/annotation.js';
import { loadExamplePapers } from './helpers/example-corpus.js';

/** paper id -> "category name" or "category name / subcategory name". */
function placement(t: Taxonomy): Map<string, string> {
  const where = new Map<string, string>();
  for (const c of t.categories) {
    for (const id of c.paperIds) where.set(id, c.name);
    for (const s of c.subcategories ?? []) for (const id of s.paperIds) where.set(id, `${c.name} / ${s.name}`);
  }
  return where;
}

describe('taxonomy.json passed back with --taxonomy (offline engine, example corpus)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'litrev-roundtrip-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const papers = loadExamplePapers();
  const annotations = classifyOffline(papers);
  const induced = induceTaxonomyOffline(papers, annotations);
  const json = renderTaxonomyJson(induced, papers);
  const reread = async (doc: unknown) => {
    const file = path.join(dir, `t${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(file, typeof doc === 'string' ? doc : JSON.stringify(doc));
    return assignToTaxonomy(papers, annotations, await parseTaxonomyFile(file));
  };

  it('moves no paper when the file comes back unedited', async () => {
    const again = await reread(json);
    expect(placement(again)).toEqual(placement(induced));
  });

  it('keeps the papers of each subcategory, however arbitrary the split', async () => {
    // Every category split in two by alternating papers: no lexical placement would find this split again.
    const twoLevel: Taxonomy = {
      ...induced,
      categories: induced.categories.map((c) => ({
        ...c,
        subcategories: [0, 1].map((half) => ({ id: `${c.id}.${half + 1}`, name: `${c.name} part ${half + 1}`, definition: '', paperIds: c.paperIds.filter((_, i) => i % 2 === half) })),
      })),
    };
    const again = await reread(renderTaxonomyJson(twoLevel, papers));
    expect(placement(again)).toEqual(placement(twoLevel));
  });

  it('keeps a paper moved by hand (by its key) and the papers of a renamed category', async () => {
    const doc = JSON.parse(json);
    const [from, to] = doc.categories as { name: string; paperIds: string[]; paperKeys: string[]; subcategories?: { paperIds: string[]; paperKeys: string[] }[] }[];
    const key = from!.paperKeys[0]!;
    const id = from!.paperIds[0]!;
    // The hand move: the key cut from the first category (and its subcategory) and pasted into the second.
    from!.paperKeys = from!.paperKeys.filter((k) => k !== key);
    for (const s of from!.subcategories ?? []) s.paperKeys = s.paperKeys.filter((k) => k !== key);
    to!.paperKeys.push(key);
    to!.name = 'A name of my own';
    const again = await reread(doc);
    const before = placement(induced);
    const after = placement(again);
    expect(after.get(id)?.split(' / ')[0]).toBe('A name of my own');
    const renamedBefore = [...before].filter(([p, w]) => w.split(' / ')[0] === induced.categories[1]!.name).map(([p]) => p);
    for (const p of renamedBefore) expect(after.get(p)?.split(' / ')[0]).toBe('A name of my own');
    const others = [...before].filter(([p]) => p !== id);
    for (const [p, w] of others) expect(after.get(p)!.replace(/^A name of my own/, induced.categories[1]!.name)).toBe(w);
  });

  it('places only the papers the file does not list', async () => {
    const doc = JSON.parse(json);
    const cat = doc.categories[0];
    const dropped = cat.paperIds.slice(0, 5) as string[];
    const droppedKeys = new Set(cat.paperKeys.slice(0, 5));
    const strip = (l: { paperIds: string[]; paperKeys: string[] }) => {
      l.paperIds = l.paperIds.filter((x) => !dropped.includes(x));
      l.paperKeys = l.paperKeys.filter((x) => !droppedKeys.has(x));
    };
    strip(cat);
    for (const s of cat.subcategories ?? []) strip(s);
    const again = await reread(doc);
    const before = placement(induced);
    const after = placement(again);
    expect(after.size).toBe(papers.length);
    for (const [p, w] of before) if (!dropped.includes(p)) expect(after.get(p)).toBe(w);
  });
});
