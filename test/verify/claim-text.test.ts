import { describe, expect, it } from 'vitest';
import { claimNumbers } from '../../src/verify/claim-text.js';

/** The numbers a sentence is held to: what the prose check marks and the verification report lists. */
const claimed = (sentence: string) => claimNumbers(sentence).map((m) => m.raw);

describe('the numbers a sentence claims', () => {
  it('a locator in a citation is where in the paper, not a claim: with or without a space, whatever prose follows it', () => {
    expect(claimed('Shown in the ablation [@a, p.3].')).toEqual([]);
    expect(claimed('It holds [see @a, p. 12 and its appendix].')).toEqual([]);
    // A multiplier after the number makes it a claim again.
    expect(claimed('It is faster [@a, p. 3x].')).toEqual(['3x']);
  });

  it('numbers in a URL or a link target are not claims; the link text is prose', () => {
    expect(claimed('Code and data at https://example.org/get?run=3&seed=4 [@a].')).toEqual([]);
    expect(claimed('See [the table](results.md?row=3) [@a].')).toEqual([]);
    expect(claimed('See [a 3x speedup](results.md) [@a].')).toEqual(['3x']);
  });

  it('reads numbers as typeset: ranges with a dash or minus sign, thousands separators, fullwidth forms after a superscript', () => {
    expect(claimed('A 2–3x speedup [@a].')).toEqual(['2', '3x']);
    expect(claimed('A 2−3x speedup [@a].')).toEqual(['2', '3x']);
    expect(claimNumbers('It has 12,345 and 1,234,567 parameters [@a].').map((m) => m.value)).toEqual([12345, 1234567]);
    expect(claimNumbers('Error falls as 1/n² and accuracy reaches ９９％ [@a].').map((m) => [m.raw, m.unit])).toEqual([['1', ''], ['99%', '%']]);
  });
});
