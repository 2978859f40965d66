import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../src/verify/sentence-split.js';

/** The sentences of a text, each checked to be the exact slice its offsets name. */
function sentences(text: string): string[] {
  const spans = splitSentences(text);
  for (const s of spans) expect(text.slice(s.start, s.end)).toBe(s.text);
  return spans.map((s) => s.text);
}

describe('sentence boundaries the checks rely on', () => {
  it('an abbreviation before a capital or a digit ends no sentence', () => {
    const samples = [
      'Models e.g. Llama', 'Methods i.e. The', 'Smith et al. Show', 'Sparse vs. Dense', 'See cf. Smith', 'In Fig. 3', 'In Figs. 3',
      'By Eq. 2', 'By Eqs. 2', 'In Sec. 4', 'Item No. 5', 'Items Nos. 5', 'About approx. 500', 'Each resp. The', 'By Dr. Smith',
      'By Mr. Smith', 'By Mrs. Smith', 'By Ms. Smith', 'By Prof. Smith', 'In St. Louis', 'By Smith Jr. The', 'By Acme Inc. The',
      'By Acme Ltd. The', 'In Ref. 3', 'In Refs. 3', 'In Vol. 2', 'On pp. 3', 'About ca. 500', 'Namely viz. The', 'Mostly esp. The',
      'All incl. The', 'Gains w.r.t. The', 'Also a.k.a. The', 'In the U.S. The',
    ];
    for (const sample of samples) expect(sentences(`${sample} rest holds.`)).toEqual([`${sample} rest holds.`]);
  });

  it('a period followed by a lower-case word ends no sentence, unless the word is a name such as deepSeek', () => {
    expect(sentences('It works. then vLLM runs it.')).toEqual(['It works. then vLLM runs it.']);
    expect(sentences('It ends. deepSeek follows.')).toEqual(['It ends.', 'deepSeek follows.']);
  });

  it('any run of spaces after the punctuation; spaces around the text are not part of a sentence', () => {
    expect(sentences('  One.   Two!\n\nThree?  ')).toEqual(['One.', 'Two!', 'Three?']);
    expect(sentences('')).toEqual([]);
    expect(sentences('   ')).toEqual([]);
  });

  it('a period inside a citation group ends no sentence', () => {
    expect(sentences('It holds [@a, Table 3. Also @b] in practice. Next one.')).toEqual(['It holds [@a, Table 3. Also @b] in practice.', 'Next one.']);
    expect(sentences('A [note] ends here. Next [@a] too.')).toEqual(['A [note] ends here.', 'Next [@a] too.']);
  });

  it('an exclamation or question mark ends a sentence even after an abbreviation', () => {
    expect(sentences('Ask a Dr! Then rest.')).toEqual(['Ask a Dr!', 'Then rest.']);
  });

  it('initials are not sentence ends: at the start, in a row, after a first name', () => {
    expect(sentences('J. Smith wrote it. Next.')).toEqual(['J. Smith wrote it.', 'Next.']);
    expect(sentences('As A. B. Smith showed. Next.')).toEqual(['As A. B. Smith showed.', 'Next.']);
    expect(sentences('Reported by John K. Smith in 2020. Next.')).toEqual(['Reported by John K. Smith in 2020.', 'Next.']);
  });
});
