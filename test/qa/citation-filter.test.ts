import { describe, expect, it } from 'vitest';
import { createCitationFilter } from '../../src/qa/citation-filter.js';
import { removeUnknownCitations } from '../../src/verify/citation-keys.js';

const KNOWN = new Set(['keepkv2025', 'fairy2025']);

const TEXTS = [
  'KeepKV merges the cache [@keepkv2025] and Fairy quantizes weights [@fairy2025].',
  'A made-up claim [@smith2099]. A real one [@keepkv2025; @ghost2024].',
  'Lists [1] and [a, b] stay, [see @keepkv2025, p. 3] too; [@nope] goes.',
  'Nested [a [@ghost] b] and a dangling open [ at the end',
  'Two spaces  [@ghost] and a newline\n[@ghost] and [@fairy2025]',
  '',
];

function streamThrough(text: string, cuts: number[]): { shown: string[]; all: string } {
  const filter = createCitationFilter(KNOWN);
  const shown: string[] = [];
  let prev = 0;
  for (const cut of [...cuts, text.length]) {
    shown.push(filter.push(text.slice(prev, cut)));
    prev = cut;
  }
  shown.push(filter.end());
  return { shown, all: shown.join('') };
}

describe('createCitationFilter', () => {
  it.each(TEXTS)('streams exactly the cleaned text, however it is cut: %j', (text) => {
    const expected = removeUnknownCitations(text, KNOWN).text;
    expect(streamThrough(text, []).all).toBe(expected);
    for (let i = 0; i <= text.length; i++) expect(streamThrough(text, [i]).all).toBe(expected);
    const everyChar = Array.from({ length: text.length }, (_, i) => i);
    expect(streamThrough(text, everyChar).all).toBe(expected);
  });

  it('never shows any part of an unknown key, even mid-stream', () => {
    const text = 'Claim [@smith2099] and [@keepkv2025].';
    const { shown } = streamThrough(text, Array.from({ length: text.length }, (_, i) => i));
    expect(shown.join('')).toBe('Claim and [@keepkv2025].');
    for (const piece of shown) expect(piece).not.toContain('smith');
  });

  it('holds back only while a group is open', () => {
    const filter = createCitationFilter(KNOWN);
    expect(filter.push('Hello world')).toBe('Hello world');
    expect(filter.push(' [@keep')).toBe('');
    expect(filter.push('kv2025] done')).toBe(' [@keepkv2025] done');
  });
});
