import { describe, expect, it } from 'vitest';
import { listPrefix, textWidth, wrapBlock, wrapHanging } from '../../src/format/wrap-text.js';

describe('wrapHanging', () => {
  it('continues under the text of the first line, never at column 0 and never with a leading space', () => {
    const lines = wrapHanging('- ', '"Motivated by these insights, we developed PyramidKV, a novel and effective KV cache compression method." [@pyramidkv-dynamic]', 40);
    expect(lines[0]!.startsWith('- "Motivated')).toBe(true);
    for (const l of lines) expect(textWidth(l)).toBeLessThanOrEqual(40);
    for (const l of lines.slice(1)) expect(l).toMatch(/^ {2}\S/);
    expect(lines.join(' ').replace(/\s+/g, ' ')).toContain('KV cache compression method." [@pyramidkv-dynamic]');
  });

  it('keeps a short parenthesised group such as a ranking whole', () => {
    const lines = wrapHanging(' 4. ', '[@xkv-cross] xKV: Cross-Layer SVD for KV-Cache Compressions (bm25 4)', 70);
    expect(lines.some((l) => l.includes('(bm25 4)'))).toBe(true);
    expect(lines.every((l) => !l.endsWith('(bm25'))).toBe(true);
  });

  it('keeps the spacing of a line that fits, and cuts a word longer than a line', () => {
    expect(wrapHanging('', '/exit      leave (also Ctrl-C or Ctrl-D)', 80)).toEqual(['/exit      leave (also Ctrl-C or Ctrl-D)']);
    const url = `see https://example.org/${'a'.repeat(60)}`;
    const lines = wrapHanging('', url, 30);
    for (const l of lines) expect(textWidth(l)).toBeLessThanOrEqual(30);
    expect(lines.join('').replace(/\s/g, '')).toBe(url.replace(/\s/g, ''));
  });

  it('counts wide characters as two columns', () => {
    expect(textWidth('大規模言語')).toBe(10);
    for (const l of wrapHanging('', '大規模 言語 モデル の 圧縮 手法 について', 12)) expect(textWidth(l)).toBeLessThanOrEqual(12);
  });
});

describe('wrapBlock', () => {
  it('wraps each line with the hanging indent of its list marker and keeps blank lines', () => {
    expect(listPrefix(' 1. [@a] Title')).toBe(' 1. ');
    expect(listPrefix('  [@key] Title')).toBe('  [@key] ');
    const lines = wrapBlock('An overview sentence that is long enough to wrap.\n\n- a bullet that is long enough to wrap too', 24);
    expect(lines).toContain('');
    const bullet = lines.slice(lines.indexOf('') + 1);
    expect(bullet[0]).toMatch(/^- a bullet/);
    for (const l of bullet.slice(1)) expect(l).toMatch(/^ {2}\S/);
  });
});
