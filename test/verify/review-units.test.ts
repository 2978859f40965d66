import { describe, expect, it } from 'vitest';
import { reviewUnits } from '../../src/verify/review-units.js';

describe('reviewUnits', () => {
  it('skips headings, fences and table separators; strips list markers; keeps rows', () => {
    const md = [
      '# 2. Title 2024',
      '',
      'First claim [@a]. Second claim.',
      '',
      '```mermaid',
      'mindmap',
      '  root((3 papers))',
      '```',
      '',
      '1. A listed claim [@b].',
      '- Another one.',
      '',
      '| Paper | Value |',
      '| --- | --- |',
      '| [@a] | 2x |',
    ].join('\n');
    expect(reviewUnits(md).map((u) => [u.kind, u.text])).toEqual([
      ['sentence', 'First claim [@a].'],
      ['sentence', 'Second claim.'],
      ['sentence', 'A listed claim [@b].'],
      ['sentence', 'Another one.'],
      ['table-row', '| Paper | Value |'],
      ['table-row', '| [@a] | 2x |'],
    ]);
  });

  it('attaches a citation written after the period to its sentence', () => {
    expect(reviewUnits('It is 2x faster. [@a] Next one.').map((u) => u.text)).toEqual(['It is 2x faster. [@a]', 'Next one.']);
  });
});

describe('reviewUnits: the Markdown a review is written in', () => {
  const units = (md: string) => reviewUnits(md).map((u) => [u.line, u.kind, u.text]);

  it('a paragraph over several lines is one unit at its first line; a blank line of spaces ends it', () => {
    expect(units('A claim that runs\n  over two lines [@a].\n   \nSecond claim.')).toEqual([
      [1, 'sentence', 'A claim that runs over two lines [@a].'],
      [4, 'sentence', 'Second claim.'],
    ]);
  });

  it('HTML comments make no units, on one line, indented, or over several lines', () => {
    expect(units('<!-- 3 papers -->\nClaim one.\n  <!-- note 4x -->\n<!-- a\n5x\n-->\nClaim two.')).toEqual([
      [2, 'sentence', 'Claim one.'],
      [7, 'sentence', 'Claim two.'],
    ]);
  });

  it('table rows indented or without a closing pipe are rows; separators in every spelling are not', () => {
    const md = ['  | Paper | Value', '|:---|---:|:---:|', '  | --- | --- |   ', '|---|---|', '| --- | ---', '| --- | 2x [@a] |', '| 3x [@a] | --- |'].join('\n');
    expect(units(md)).toEqual([
      [1, 'table-row', '| Paper | Value'],
      [6, 'table-row', '| --- | 2x [@a] |'],
      [7, 'table-row', '| 3x [@a] | --- |'],
    ]);
  });

  it('block quotes lose their mark, with or without a space, indented too; a > inside a sentence stays', () => {
    expect(units('> Quoted claim [@a].\n\n>Tight quote [@b].\n\n  > Indented quote.\n\nLatency > 2x lower [@a].')).toEqual([
      [1, 'sentence', 'Quoted claim [@a].'],
      [3, 'sentence', 'Tight quote [@b].'],
      [5, 'sentence', 'Indented quote.'],
      [7, 'sentence', 'Latency > 2x lower [@a].'],
    ]);
  });

  it('list markers only at the start of a line, numbered up to three digits; a dash inside a sentence stays', () => {
    expect(units('10. Tenth item [@a].\nIt is fast - 2x [@a].')).toEqual([[1, 'sentence', 'Tenth item [@a].'], [1, 'sentence', 'It is fast - 2x [@a].']]);
  });

  it('headings need a space or nothing after their marks; # and backticks inside prose are prose', () => {
    expect(units('Written in C# for speed [@a].\n\n##\nRun```ls``` first [@a].\n\nNext claim [@b].\n\nC# is used too [@b].')).toEqual([
      [1, 'sentence', 'Written in C# for speed [@a].'],
      [4, 'sentence', 'Run```ls``` first [@a].'],
      [6, 'sentence', 'Next claim [@b].'],
      [8, 'sentence', 'C# is used too [@b].'],
    ]);
  });

  it('citations after the period join the sentence before: several groups, a prefix, punctuation, the end of the paragraph', () => {
    expect(units('It is fast. [@a] [see @bob2024] Next one. Also slow. [@c]. Then more. [@d]')).toEqual([
      [1, 'sentence', 'It is fast. [@a] [see @bob2024]'],
      [1, 'sentence', 'Next one.'],
      [1, 'sentence', 'Also slow. [@c].'],
      [1, 'sentence', 'Then more. [@d]'],
    ]);
    expect(units('[@a] It is fast.')).toEqual([[1, 'sentence', '[@a] It is fast.']]);
  });
});
