import { describe, expect, it } from 'vitest';
import { citedKeys, removeUnknownCitations } from '../../src/verify/citation-keys.js';

describe('citation keys', () => {
  it('finds single and grouped keys, trimming sentence punctuation', () => {
    expect(citedKeys('A [@smith2020kv]. B [@a; @b-c:d] and [see @x, p. 3].')).toEqual(['smith2020kv', 'a', 'b-c:d', 'x']);
  });

  it('removes unknown keys and empty groups, keeps known ones', () => {
    const { text, removed } = removeUnknownCitations('One [@a]. Two [@a; @fake]. Three [@fake2].', new Set(['a']));
    expect(text).toBe('One [@a]. Two [@a]. Three.');
    expect(removed).toEqual(['fake', 'fake2']);
  });

  it('ignores bracketed text without @', () => {
    expect(citedKeys('see [1] and [note]')).toEqual([]);
    expect(removeUnknownCitations('see [1]', new Set()).text).toBe('see [1]');
  });
});
