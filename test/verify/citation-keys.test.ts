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

describe('removing invented keys keeps what remains readable', () => {
  const known = new Set(['a', 'b']);
  const clean = (text: string) => removeUnknownCitations(text, known);

  it('a group with a prefix or a locator part goes when its only key is invented', () => {
    expect(clean('Claim [see @fake, p. 3].')).toEqual({ text: 'Claim.', removed: ['fake'] });
    expect(clean('Claim [@fake; see p. 3].')).toEqual({ text: 'Claim.', removed: ['fake'] });
  });

  it('the kept keys are rejoined as `; `-separated parts, and a group at the start of a line keeps no leading space', () => {
    expect(clean('Both [@a;   @fake;@b] hold.').text).toBe('Both [@a; @b] hold.');
    expect(clean('[@fake; @a] holds.').text).toBe('[@a] holds.');
  });

  it('a group whose keys are all known is left exactly as written', () => {
    expect(clean('Both [@a;@b] and [see @a,  p. 3] hold.')).toEqual({ text: 'Both [@a;@b] and [see @a,  p. 3] hold.', removed: [] });
  });

  it('a key followed by a colon or period is the key without it', () => {
    expect(citedKeys('As [@smith2020kv: p. 3] and [@lee2021.] show.')).toEqual(['smith2020kv', 'lee2021']);
  });
});

describe('resolveIdCitations: what it leaves alone and the spellings it accepts', () => {
  const ids = new Map([['pd2b647a5b1ba', 'zhang2023h2o'], ['p729a5f86e9b9', 'liu2024kivi']]);
  const keys = new Set(ids.values());
  const resolve = (text: string) => resolveIdCitations(text, ids, keys);

  it('without ids to resolve, nothing changes (not even a bracketed key)', () => {
    expect(resolveIdCitations('[zhang2023h2o] (pd2b647a5b1ba)', new Map(), keys)).toBe('[zhang2023h2o] (pd2b647a5b1ba)');
  });

  it('lists written without spaces, with padding or a trailing separator', () => {
    expect(resolve('Both (pd2b647a5b1ba,p729a5f86e9b9) do.')).toBe('Both [@zhang2023h2o; @liu2024kivi] do.');
    expect(resolve('H2O [ pd2b647a5b1ba ] and [pd2b647a5b1ba; ].')).toBe('H2O [@zhang2023h2o] and [@zhang2023h2o].');
    expect(resolve('(p729a5f86e9b9) shows it, and KIVI (@p729a5f86e9b9) too.')).toBe('[@liu2024kivi] shows it, and KIVI [@liu2024kivi] too.');
  });

  it('an id among other words in parentheses is cited where it stands; in brackets it is left as written', () => {
    expect(resolve('As reported (pd2b647a5b1ba, 2024).')).toBe('As reported ([@zhang2023h2o], 2024).');
    expect(resolve('A note [on pd2b647a5b1ba here] and pd2b647a5b1ba.')).toBe('A note [on pd2b647a5b1ba here] and [@zhang2023h2o].');
    expect(resolve('A stray ] then [on pd2b647a5b1ba here].')).toBe('A stray ] then [on pd2b647a5b1ba here].');
  });
});
