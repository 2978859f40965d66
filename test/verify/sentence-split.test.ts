import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../src/verify/sentence-split.js';

describe('splitSentences', () => {
  it('splits on terminal punctuation, keeping exact offsets', () => {
    const text = 'We propose X. It runs 1.9x faster, e.g. on GPUs, than Y et al. reported! Does it scale? Yes.';
    const spans = splitSentences(text);
    expect(spans.map((s) => s.text)).toEqual([
      'We propose X.',
      'It runs 1.9x faster, e.g. on GPUs, than Y et al. reported!',
      'Does it scale?',
      'Yes.',
    ]);
    for (const s of spans) expect(text.slice(s.start, s.end)).toBe(s.text);
  });

  it('splits a period glued between words, and before a lower-case name', () => {
    expect(splitSentences('rather than discarding them.The authors add. xKV then merges.').map((s) => s.text)).toEqual([
      'rather than discarding them.',
      'The authors add.',
      'xKV then merges.',
    ]);
  });

  it('does not split after initials or inside decimals', () => {
    expect(splitSentences('As J. Smith showed, 3.14 is close. Done.').map((s) => s.text)).toEqual(['As J. Smith showed, 3.14 is close.', 'Done.']);
  });
});
