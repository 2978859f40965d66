import { describe, expect, it } from 'vitest';
import type { ReviewDraft } from '../../src/review/review-draft.js';
import { checkProse, UNVERIFIED_MARK } from '../../src/verify/check-prose.js';
import { makePaper } from '../offline/helpers/example-corpus.js';

// How the prose check edits a draft: exactly what review.md shows after it, and what each finding says.

const papers = [
  makePaper(1, 'Sparse retrieval', 'We study sparse retrieval. Recall improves by 4.1% on MS MARCO.'),
  makePaper(2, 'Dense retrieval', 'Dense retrieval with 768-dimensional vectors.'),
];
const MARK = UNVERIFIED_MARK;
const draft = (body: string, parts: { overview?: string; openProblems?: string } = {}): ReviewDraft => ({
  title: 'A review', overview: parts.overview ?? '', sections: [{ categoryId: 'c1', heading: 'Retrieval', body }], openProblems: parts.openProblems ?? '', engine: 'model',
});
const check = (d: ReviewDraft, strict = false) => checkProse(d, papers, { strict, uncitedNumbers: true });
const body = (text: string, strict = false) => check(draft(text), strict).draft.sections[0]!.body;

describe('prose check: where the mark goes', () => {
  it('marks two sentences of one line, each before its own full stop', () => {
    expect(body('Gains reach 9.9% [@paper1]. Dense vectors help [@paper2]. Recall rises 7x [@paper1].')).toBe(
      `Gains reach 9.9% [@paper1] ${MARK}. Dense vectors help [@paper2]. Recall rises 7x [@paper1] ${MARK}.`,
    );
  });

  it('at the end of a sentence without a full stop, and before a run of marks such as ?!', () => {
    expect(body('Gains reach 9.9% [@paper1]')).toBe(`Gains reach 9.9% [@paper1] ${MARK}`);
    expect(body('Does recall reach 9.9% [@paper1]?!')).toBe(`Does recall reach 9.9% [@paper1] ${MARK}?!`);
  });

  it('a number one of the cited papers holds is supported, whichever it is', () => {
    expect(check(draft('Recall improves by 4.1% [@paper2; @paper1].')).findings).toEqual([]);
  });
});

describe('prose check: what a finding says', () => {
  it('names the part, every cited key and every number not found, and no invented key when there is none', () => {
    const { findings } = check(draft('', { overview: 'Gains reach 9.9% and 7x [@paper1; @paper2].', openProblems: 'It costs 5 GPUs.' }));
    expect(findings).toEqual([
      { part: 'overview', sentence: 'Gains reach 9.9% and 7x [@paper1; @paper2].', action: 'marked', reason: 'no abstract it cites (@paper1, @paper2) holds 9.9%, 7x', numbers: ['9.9%', '7x'], unknownKeys: [] },
      { part: 'open problems', sentence: 'It costs 5 GPUs.', action: 'marked', reason: 'it states a number and cites no paper', numbers: ['5'], unknownKeys: [] },
    ]);
  });

  it('a sentence left broken by invented keys names them all', () => {
    const { findings } = check(draft('Results [@fake1; @fake2].'));
    expect(findings).toEqual([
      { part: 'c1', sentence: 'Results [@fake1; @fake2].', action: 'removed', reason: 'it was left broken by removing fake1, fake2, which no corpus paper has as a key', numbers: [], unknownKeys: ['fake1', 'fake2'] },
    ]);
  });
});

describe('prose check: which sentences an invented key breaks', () => {
  it('broken: fewer than three words left, or ending on a word that needs its citation', () => {
    expect(body('Results [@fake]. Proposed by [@fake]! Dense vectors help [@paper2]. This is studied in [@fake]')).toBe('Dense vectors help [@paper2].');
  });

  it('standing: three words or more, a known citation beside the invented one, or no citation at all', () => {
    const text = 'Very good results [@fake]. As [@paper1] shows, this is studied in [@fake]. It works. Sparse retrieval is a strong baseline [@fake]. '
      + 'It works well in practice [@fake]. Results hold from then onwards [@fake]. It was studied in detail [@fake].';
    expect(body(text)).toBe(text);
  });
});

describe('prose check: the text around an edit', () => {
  it('removing sentences leaves single spaces, no trailing space, no run of blank lines; other lines stay as written', () => {
    const text = 'Keep  this  line [@paper2].  \nFirst [@paper2]. Gains reach 9.9% [@paper1].\n\nGains reach 9.9% [@paper1].\n\n\n\nLast [@paper2].';
    expect(body(text, true)).toBe('Keep  this  line [@paper2].  \nFirst [@paper2].\n\nLast [@paper2].');
  });

  it('a sentence removed between two others leaves one space between them', () => {
    expect(body('First [@paper2]. Gains reach 9.9% [@paper1]. Last [@paper2].', true)).toBe('First [@paper2]. Last [@paper2].');
  });

  it('a part without findings stays exactly as written while another part has some', () => {
    const d = draft('Dense vectors help [@paper2].\n\n\n\nMore text.\n', { overview: 'Gains reach 9.9% [@paper1].' });
    expect(check(d).draft.sections[0]!.body).toBe('Dense vectors help [@paper2].\n\n\n\nMore text.\n');
  });
});
