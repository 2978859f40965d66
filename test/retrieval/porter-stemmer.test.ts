import { describe, expect, it } from 'vitest';
import { porterStem } from '../../src/retrieval/porter-stemmer.js';
import { distinctTerms, questionTerms } from '../../src/retrieval/analyze.js';

describe('porterStem', () => {
  it.each([
    ['caresses', 'caress'],
    ['ponies', 'poni'],
    ['relational', 'relat'],
    ['conditional', 'condit'],
    ['hopping', 'hop'],
    ['filing', 'file'],
    ['agreed', 'agre'],
    ['electrical', 'electr'],
    ['adjustment', 'adjust'],
    ['generalization', 'gener'],
    ['compression', 'compress'],
    ['compressed', 'compress'],
  ])('%s -> %s', (word, stem) => {
    expect(porterStem(word)).toBe(stem);
  });

  it('leaves short words, numbers and non-ASCII words alone', () => {
    expect(porterStem('kv')).toBe('kv');
    expect(porterStem('2x')).toBe('2x');
    expect(porterStem('modèles')).toBe('modèles');
  });
});

describe('analyze', () => {
  it('drops stop words and stems', () => {
    expect(distinctTerms('The models were compressing the caches of the model')).toEqual(['model', 'compress', 'cach']);
  });

  it('also drops question boilerplate from questions', () => {
    expect(questionTerms('Which papers propose methods for KV cache compression?')).toEqual(['method', 'kv', 'cach', 'compress']);
  });
});
