import { describe, expect, it } from 'vitest';
import type { Paper } from '../../src/corpus/paper.js';
import { emptyAnnotation, type Annotation } from '../../src/review/annotation.js';
import { decideScreening } from '../../src/review/criteria.js';
import { assertPrisma, countPrisma, PrismaCountError } from '../../src/review/prisma.js';

const src = (path: string, index: number) => ({ path, format: 'csv' as const, index });
function paper(id: string, sources: ReturnType<typeof src>[], abstract = 'An abstract.'): Paper {
  return { id, key: id, title: id, titleDerived: false, abstract, authors: [], sources };
}
const ok = (paperId: string): Annotation => ({ ...emptyAnnotation(paperId, 'failed'), status: 'ok' });

describe('PRISMA counts', () => {
  // a.csv holds 3 records, b.csv 2; p1 merges a record of each (1 duplicate), p2 two of a.csv (1 duplicate).
  const papers = [
    paper('p1', [src('a.csv', 0), src('b.csv', 0)]),
    paper('p2', [src('a.csv', 1), src('a.csv', 2)], ''),
    paper('p3', [src('b.csv', 1)]),
  ];
  const criteria = [{ id: 'I1', kind: 'inclusion' as const, text: 't', terms: [] }];
  const screening = decideScreening(criteria, [{ criterion: 'I1', answer: 'not-met', reason: '', quote: null }]);

  it('counts records per source, duplicates, papers without abstract and the three outcomes', () => {
    const c = countPrisma(papers, [ok('p1'), emptyAnnotation('p2', 'excluded', { screening }), emptyAnnotation('p3', 'failed')]);
    expect(c).toEqual({
      identified: 5,
      identifiedBySource: { 'a.csv': 3, 'b.csv': 2 },
      duplicatesRemoved: 2,
      withoutAbstract: 1,
      screened: 3,
      excluded: 1,
      excludedByReason: { I1: 1 },
      excludedByCriterion: { I1: 1 },
      included: 1,
      failed: 1,
    });
  });

  it('counts a record failing two criteria once, under the first, and under both per criterion; the flow says so', async () => {
    const both = [
      { id: 'I1', kind: 'inclusion' as const, text: 'about language models', terms: [] },
      { id: 'E1', kind: 'exclusion' as const, text: 'a survey', terms: [] },
    ];
    const surveyOffTopic = decideScreening(both, [
      { criterion: 'I1', answer: 'not-met', reason: '', quote: null },
      { criterion: 'E1', answer: 'met', reason: '', quote: null },
    ]);
    const survey = decideScreening(both, [
      { criterion: 'I1', answer: 'met', reason: '', quote: null },
      { criterion: 'E1', answer: 'met', reason: '', quote: null },
    ]);
    const c = countPrisma(papers, [ok('p1'), emptyAnnotation('p2', 'excluded', { screening: surveyOffTopic }), emptyAnnotation('p3', 'excluded', { screening: survey })]);
    expect(c.excludedByReason).toEqual({ I1: 1, E1: 1 });
    expect(c.excludedByCriterion).toEqual({ E1: 2, I1: 1 });
    const { flowBoxes } = await import('../../src/report/prisma-flow.js');
    const box = flowBoxes(c, { criteria: both } as never).find((b) => b.id === 'excluded')!;
    expect(box.lines).toEqual([
      'Records excluded: 2',
      'one reason each: the first criterion failed',
      '(in all: every record the criterion excludes)',
      'I1 (inclusion not met): 1 (1 in all)',
      'E1 (exclusion met): 1 (2 in all)',
    ]);
  });

  it('a paper without an annotation counts as failed, so the sum still holds', () => {
    const c = countPrisma(papers, [ok('p1')]);
    expect([c.included, c.excluded, c.failed]).toEqual([1, 0, 2]);
  });

  it('assertPrisma names the sum that breaks', () => {
    const c = countPrisma(papers, [ok('p1'), ok('p2'), ok('p3')]);
    expect(() => assertPrisma({ ...c, included: 2 })).toThrow(PrismaCountError);
    expect(() => assertPrisma({ ...c, included: 2 })).toThrow(/screened 3 != included 2 \+ excluded 0 \+ failed 0/);
    expect(() => assertPrisma({ ...c, excluded: 1, included: 2, excludedByReason: {} })).toThrow(/excludedByReason/);
  });
});
