import { describe, expect, it } from 'vitest';
import { labelUnits, pairUp } from '../../../src/corpus/formats/sequence-labeller.js';

const abstract = (topic: string) =>
  `We present a study of ${topic}. It compares several methods on standard benchmarks. Results show clear improvements in accuracy and cost.`;

describe('title / abstract labelling by structure', () => {
  it('alternates titles and abstracts', () => {
    const units = ['Deep Networks for Things', abstract('things'), 'Another Title Here', abstract('others')];
    expect(labelUnits(units)).toEqual(['title', 'abstract', 'title', 'abstract']);
  });

  it('keeps a very short abstract an abstract when the structure says so', () => {
    const units = ['First Title', 'We show it.', 'Second Title', abstract('b')];
    expect(labelUnits(units)).toEqual(['title', 'abstract', 'title', 'abstract']);
  });

  it('keeps a long title with a full stop inside a title', () => {
    const units = [abstract('a'), 'A for-loop is all you need. For solving the inverse problem in tumor growth modeling', abstract('b')];
    expect(labelUnits(units)).toEqual(['abstract', 'title', 'abstract']);
  });

  it('finds untitled abstracts and title-only entries', () => {
    expect(labelUnits([abstract('a'), abstract('b')])).toEqual(['abstract', 'abstract']);
    expect(labelUnits(['Only A Title Here', 'Another Title Only'])).toEqual(['title', 'title']);
    expect(pairUp(['title', 'abstract', 'abstract', 'title'])).toEqual([
      { title: 0, abstract: 1, at: 0 },
      { abstract: 2, at: 2 },
      { title: 3, at: 3 },
    ]);
  });
});
