import { describe, expect, it } from 'vitest';
import { canonicalJSON } from '../../src/cache/canonical-json.js';
import { cacheKey, isCacheKey } from '../../src/cache/cache-key.js';

describe('canonicalJSON', () => {
  it('sorts keys at every depth and drops undefined members', () => {
    const a = { b: 1, a: { d: [3, { z: 1, y: 2 }], c: undefined }, e: 'x' };
    expect(canonicalJSON(a)).toBe('{"a":{"d":[3,{"y":2,"z":1}]},"b":1,"e":"x"}');
  });

  it('gives the same string whatever the key order', () => {
    expect(canonicalJSON({ x: 1, y: [1, 2], z: { q: null } })).toBe(canonicalJSON({ z: { q: null }, y: [1, 2], x: 1 }));
  });

  it('keeps array order and turns undefined array members into null', () => {
    expect(canonicalJSON([2, 1, undefined])).toBe('[2,1,null]');
  });
});

describe('cacheKey', () => {
  const body = { model: 'm', messages: [{ role: 'user', content: 'hi' }], temperature: 0 };

  it('is a sha256 hex digest, stable across key order', () => {
    const k = cacheKey({ endpoint: 'http://h/v1', kind: 'chat', body });
    expect(isCacheKey(k)).toBe(true);
    expect(cacheKey({ kind: 'chat', body: { temperature: 0, messages: body.messages, model: 'm' }, endpoint: 'http://h/v1' })).toBe(k);
  });

  it('changes with endpoint, model, messages, sampling and sample number > 0', () => {
    const k = cacheKey({ endpoint: 'http://h/v1', kind: 'chat', body });
    expect(cacheKey({ endpoint: 'http://other/v1', kind: 'chat', body })).not.toBe(k);
    expect(cacheKey({ endpoint: 'http://h/v1', kind: 'chat', body: { ...body, model: 'n' } })).not.toBe(k);
    expect(cacheKey({ endpoint: 'http://h/v1', kind: 'chat', body: { ...body, temperature: 0.5 } })).not.toBe(k);
    expect(cacheKey({ endpoint: 'http://h/v1', kind: 'chat', body: { ...body, seed: 1 } })).not.toBe(k);
    expect(cacheKey({ endpoint: 'http://h/v1', kind: 'chat', body, sample: 2 })).not.toBe(k);
    expect(cacheKey({ endpoint: 'http://h/v1', kind: 'chat', body, sample: 0 })).toBe(k);
  });
});
