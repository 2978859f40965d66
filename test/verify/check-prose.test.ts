import { describe, expect, it } from 'vitest';
import type { ReviewDraft } from '../../src/review/review-draft.js';
import { checkProse, UNVERIFIED_MARK } from '../../src/verify/check-prose.js';
import { makePaper } from '../offline/helpers/example-corpus.js';

const papers = [
  makePaper(1, 'Sparse retrieval', 'We study sparse retrieval. Recall improves by 4.1% on MS MARCO.'),
  makePaper(2, 'Dense retrieval', 'Dense retrieval with 768-dimensional vectors.'),
];

function draft(body: string, engine: ReviewDraft['engine'] = 'model'): ReviewDraft {
  return { title: 'A review', overview: 'Two papers are covered [@paper1; @paper2].', sections: [{ categoryId: 'c1', heading: 'Retrieval', body }], openProblems: '', engine };
}

describe('checkProse', () => {
  it('marks a sentence whose number no abstract supports where it stands, and lists it', () => {
    const body = 'Sparse retrieval gains 4.1% [@paper1]. Our own replication found a 47.3% gain in recall. Dense vectors help [@paper2].';
    const { draft: out, findings } = checkProse(draft(body), papers, { strict: false, uncitedNumbers: true });
    expect(out.sections[0]!.body).toBe(`Sparse retrieval gains 4.1% [@paper1]. Our own replication found a 47.3% gain in recall ${UNVERIFIED_MARK}. Dense vectors help [@paper2].`);
    expect(findings).toEqual([
      { part: 'c1', sentence: 'Our own replication found a 47.3% gain in recall.', action: 'marked', reason: 'it states a number and cites no paper', numbers: ['47.3%'], unknownKeys: [] },
    ]);
  });

  it('a cited sentence with a number its paper does not hold is marked too; --strict removes it', () => {
    const body = 'Recall improves by 9.9% [@paper1]. Dense vectors help [@paper2].';
    const marked = checkProse(draft(body), papers, { strict: false, uncitedNumbers: true });
    expect(marked.findings[0]).toMatchObject({ action: 'marked', numbers: ['9.9%'], reason: 'no abstract it cites (@paper1) holds 9.9%' });
    const strict = checkProse(draft(body), papers, { strict: true, uncitedNumbers: true });
    expect(strict.draft.sections[0]!.body).toBe('Dense vectors help [@paper2].');
    expect(strict.findings[0]).toMatchObject({ action: 'removed', sentence: 'Recall improves by 9.9% [@paper1].' });
  });

  it('removes a sentence left broken by an invented key, and keeps one that stands without it', () => {
    const body = 'Sparse retrieval is studied in [@madeup2099]. Dense vectors help [@paper2; @ghost2024].';
    const { draft: out, findings } = checkProse(draft(body), papers, { strict: false, uncitedNumbers: true });
    expect(out.sections[0]!.body).toBe('Dense vectors help [@paper2; @ghost2024].');
    expect(findings).toEqual([
      expect.objectContaining({ action: 'removed', sentence: 'Sparse retrieval is studied in [@madeup2099].', unknownKeys: ['madeup2099'] }),
    ]);
  });

  it('leaves a clean draft as it was (the same object), and the offline engine’s own counts alone', () => {
    const clean = draft('Sparse retrieval gains 4.1% [@paper1].');
    expect(checkProse(clean, papers, { strict: false, uncitedNumbers: true }).draft).toBe(clean);
    const offline = draft('This category holds 2 papers.', 'offline');
    expect(checkProse(offline, papers, { strict: false, uncitedNumbers: false }).findings).toEqual([]);
  });
});
