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
