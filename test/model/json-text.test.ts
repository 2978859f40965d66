import { describe, expect, it } from 'vitest';
import { parseJsonText } from '../../src/model/json-text.js';

describe('parseJsonText', () => {
  it.each([
    ['bare JSON', '{"a":1}'],
    ['a ```json fence', '```json\n{"a":1}\n```'],
    ['a bare fence', '```\n{"a":1}\n```'],
    ['prose around a fence', 'Here you go:\n```json\n{"a":1}\n```\nHope it helps.'],
    ['prose before the object', 'Sure! {"a":1}'],
    ['a byte-order mark', '\uFEFF{"a":1}'],
  ])('reads %s', (_n, raw) => {
    expect(parseJsonText(raw)).toEqual({ ok: true, value: { a: 1 } });
  });

  it('keeps braces inside strings', () => {
    expect(parseJsonText('x {"a":"}{"} y')).toEqual({ ok: true, value: { a: '}{' } });
  });

  it.each([
    ['empty', ''],
    ['truncated', '{"items":[{"id":"p1"'],
    ['trailing comma', '{"a":1,}'],
    ['prose only', 'I cannot help with that.'],
  ])('returns an error, never throws, for %s', (_n, raw) => {
    const r = parseJsonText(raw);
    expect(r.ok).toBe(false);
  });
});
