import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingestPaths } from '../../src/corpus/ingest.js';
import type { Paper } from '../../src/corpus/paper.js';
import { classifyOffline } from '../../src/offline/classify.js';
import { synthesizeOffline, wordCount } from '../../src/offline/synthesize.js';
import { induceTaxonomyOffline } from '../../src/offline/taxonomy.js';
import { verifyDraft } from '../../src/pipeline/verify-draft.js';
import { renderPapersCsv } from '../../src/report/papers-csv.js';
import { renderTaxonomyJson } from '../../src/report/taxonomy-json.js';
import type { Annotation, Taxonomy } from '../../src/review/annotation.js';
import { parseTaxonomyFile } from '../../src/review/parse-taxonomy-file.js';
import { citedKeys } from '../../src/verify/citation-keys.js';
import { writeRecombinedCorpus } from '../support/recombined-corpus.js';

/** 1,000 papers recombined from the example abstracts: at the two-level and bounded-layout thresholds. */
const N = 1000;
const dir = mkdtempSync(path.join(tmpdir(), 'litrev-large-'));
let papers: Paper[];
let annotations: Annotation[];
let taxonomy: Taxonomy;

beforeAll(async () => {
  const examples = await ingestPaths([path.resolve(__dirname, '../../examples/corpus')]);
  const file = path.join(dir, 'corpus.jsonl');
  expect(await writeRecombinedCorpus(file, examples.papers, N, 3)).toBe(N);
  papers = (await ingestPaths([file])).papers;
  annotations = classifyOffline(papers);
  taxonomy = induceTaxonomyOffline(papers, annotations);
}, 120_000);

describe('a large corpus (1,000 papers)', () => {
  it('gets a two-level taxonomy: every paper in one category, and in one subcategory of it where it has some', () => {
    expect(papers).toHaveLength(N);
    const all = taxonomy.categories.flatMap((c) => c.paperIds);
    expect(new Set(all).size).toBe(N);
    expect(all).toHaveLength(N);
    const split = taxonomy.categories.filter((c) => c.subcategories);
    expect(split.length).toBeGreaterThan(0);
    for (const c of split) {
      const subs = c.subcategories!;
      expect(subs.length).toBeGreaterThanOrEqual(2);
      subs.forEach((s, i) => {
        expect(s.id).toBe(`${c.id}.${i + 1}`);
        expect(s.paperIds.length).toBeGreaterThan(0);
        expect(s.name).toMatch(/^[A-Z0-9]/);
      });
      expect([...subs.flatMap((s) => s.paperIds)].sort()).toEqual([...c.paperIds].sort());
    }
  });

  it('writes a bounded review that still passes verification', () => {
    const draft = synthesizeOffline({ papers, annotations, taxonomy });
    const { markdown, report } = verifyDraft(draft, { papers, annotations, taxonomy });
    expect(wordCount(markdown)).toBeLessThanOrEqual(25_000);
    expect(draft.overview).toMatch(/papers\.csv and papers\.jsonl list every paper with its category and subcategory/);
    expect(markdown).toMatch(/^### /m);
    expect(report.summary.danglingRemoved).toBe(0);
    expect(report.summary.numbersUnsupported).toBe(0);
    const keys = new Set(papers.map((p) => p.key));
    const cited = citedKeys(markdown);
    expect(cited.length).toBeGreaterThan(30);
    expect(cited.every((k) => keys.has(k))).toBe(true);
  });

  it('carries subcategories into papers.csv and taxonomy.json, which --taxonomy reads back', async () => {
    const csv = renderPapersCsv(papers, annotations, taxonomy);
    expect(csv.split('\n')[0]).toMatch(/^\ufeffid,key,title,title_derived,title_only,authors,year,venue,doi,url,category,subcategory,/);
    const file = path.join(dir, 'taxonomy.json');
    writeFileSync(file, renderTaxonomyJson(taxonomy, papers));
    const specs = await parseTaxonomyFile(file);
    const split = taxonomy.categories.find((c) => c.subcategories)!;
    const spec = specs.find((s) => s.id === split.id)!;
    expect(spec.subcategories?.map((s) => s.name)).toEqual(split.subcategories!.map((s) => s.name));
  });
});
