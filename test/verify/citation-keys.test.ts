import { describe, expect, it } from 'vitest';
import { citedKeys, removeUnknownCitations, resolveIdCitations } from '../../src/verify/citation-keys.js';

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

describe('resolveIdCitations: a weak model citing the paper ids its prompt shows', () => {
  const ids = new Map([['pd2b647a5b1ba', 'zhang2023h2o'], ['p729a5f86e9b9', 'liu2024kivi']]);
  const keys = new Set(ids.values());
  const resolve = (text: string) => resolveIdCitations(text, ids, keys);

  it('turns every form of an id citation into a citation of the key', () => {
    expect(resolve('H2O evicts [@pd2b647a5b1ba].')).toBe('H2O evicts [@zhang2023h2o].');
    expect(resolve('H2O [pd2b647a5b1ba] and KIVI (p729a5f86e9b9).')).toBe('H2O [@zhang2023h2o] and KIVI [@liu2024kivi].');
    expect(resolve('Both (pd2b647a5b1ba, p729a5f86e9b9) do.')).toBe('Both [@zhang2023h2o; @liu2024kivi] do.');
    expect(resolve('[@pd2b647a5b1ba; @p729a5f86e9b9]')).toBe('[@zhang2023h2o; @liu2024kivi]');
    expect(resolve('see @pd2b647a5b1ba for more')).toBe('see [@zhang2023h2o] for more');
    expect(resolve('Paper pd2b647a5b1ba shows')).toBe('Paper [@zhang2023h2o] shows');
    expect(resolve('[see @pd2b647a5b1ba, p. 3]')).toBe('[see @zhang2023h2o, p. 3]');
    expect(resolve('[zhang2023h2o]')).toBe('[@zhang2023h2o]');
  });

  it('leaves keys, links, years, notes and unknown keys as they are', () => {
    for (const text of ['already [@zhang2023h2o].', 'a [link](http://x) (in 2024) [note]', '[@unknown] (zhang2023h2o)']) expect(resolve(text)).toBe(text);
  });
});
