import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingestPaths } from '../../src/corpus/ingest.js';
import type { Paper } from '../../src/corpus/paper.js';
import { classifyOffline } from '../../src/offline/classify.js';
import { synthesizeOffline } from '../../src/offline/synthesize.js';
import { induceTaxonomyOffline } from '../../src/offline/taxonomy.js';
import { renderReviewMarkdown } from '../../src/report/review-markdown.js';
import type { Annotation, Taxonomy } from '../../src/review/annotation.js';
import { reviewDefects, type Defect } from './helpers/review-defects.js';

/** The offline review of the whole example corpus (411 papers), read once as a researcher would. */
describe('the offline review of examples/corpus has none of the defects of issue 14', () => {
  let papers: Paper[];
  let annotations: Annotation[];
  let taxonomy: Taxonomy;
  let markdown: string;
  let defects: Defect[];
  const ofKind = (kind: string): string[] => defects.filter((d) => d.kind === kind).map((d) => d.line);
  const typeOf = (key: string): string | null | undefined => {
    const i = papers.findIndex((p) => p.key === key);
    return annotations[i]?.contributionType;
  };

  beforeAll(async () => {
    ({ papers } = await ingestPaths([path.resolve(__dirname, '../../examples/corpus')]));
    annotations = classifyOffline(papers);
    taxonomy = induceTaxonomyOffline(papers, annotations);
    markdown = renderReviewMarkdown(synthesizeOffline({ papers, annotations, taxonomy }), { papers, annotations, taxonomy });
    defects = reviewDefects(markdown, taxonomy.categories.map((c) => c.name));
  }, 60_000);

  it('names every paper (no "Another paper")', () => expect(ofKind('unnamed paper')).toEqual([]));
  it('has no sentence whose subject points nowhere ("this capability", "addresses this problem")', () => expect(ofKind('dangling subject')).toEqual([]));
  it('keeps verbs agreeing with the paper as subject', () => expect(ofKind('verb agreement')).toEqual([]));
  it('has no broken condensed grammar', () => expect(ofKind('broken grammar')).toEqual([]));
  it('states every compared figure with the metric of its own phrase', () => expect(ofKind('number without its own metric')).toEqual([]));
  it('names categories by their terms, with no placeholder or single vague word', () => {
    expect(ofKind('placeholder category name')).toEqual([]);
    expect(ofKind('vague category name')).toEqual([]);
  });
  it('lists as open problems only sentences stating a limitation or a direction', () => expect(ofKind('open problem that is not a problem')).toEqual([]));
  it('does not call S^3 a position paper nor Keyformer an empirical study', () => {
    expect(typeOf('s-increasing')).not.toBe('position');
    expect(typeOf('keyformerkv2024')).not.toBe('empirical-study');
  });
  it('records the reasons for every contribution type', () => {
    for (const a of annotations) expect(a.typeEvidence?.length).toBeGreaterThan(0);
  });
  it('quotes a verbatim claim for at least 85% of the papers', () => {
    const covered = papers.filter((p, i) => annotations[i]!.claims.some((c) => p.abstract.replace(/\s+/g, ' ').includes(c.quote.replace(/\s+/g, ' ').trim())));
    expect(covered.length / papers.length).toBeGreaterThanOrEqual(0.85);
  });
  it('is deterministic, byte for byte (annotations and prose; the taxonomy has its own test)', () => {
    const again = classifyOffline(papers);
    expect(again).toEqual(annotations);
    expect(renderReviewMarkdown(synthesizeOffline({ papers, annotations: again, taxonomy }), { papers, annotations: again, taxonomy })).toBe(markdown);
  });
});
