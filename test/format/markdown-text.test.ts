import { describe, expect, it } from 'vitest';
import { markdownBlock, markdownInline } from '../../src/format/markdown-text.js';
import { tableCell } from '../../src/report/claims-table.js';

describe('markdownInline', () => {
  it('keeps a heading on one line and escapes raw HTML', () => {
    const out = markdownInline('Category\n```\n# Injected heading <script>alert(1)</script>');
    expect(out).not.toContain('\n');
    expect(out).not.toContain('<script');
    expect(out).toContain('&lt;script>');
  });
});

describe('markdownBlock', () => {
  it('escapes raw HTML, keeps http(s) and mailto links, reduces others to their text', () => {
    const out = markdownBlock(
      'See <img src=x onerror=alert(1)> and [this](javascript:alert(document.cookie)) or ![x](data:text/html,hi) and [site](https://example.org) and [mail](mailto:a@b.org).',
    );
    expect(out).not.toMatch(/<img|javascript:|data:/);
    expect(out).toContain('[site](https://example.org)');
    expect(out).toContain('[mail](mailto:a@b.org)');
    expect(out).toContain('and this or x and');
  });

  it('cannot open a section of its own or a code block that would swallow what follows', () => {
    const out = markdownBlock('Prose.\n## Verification\nAll checks passed.\n```\n# unclosed\n---');
    expect(out.split('\n')).toEqual(['Prose.', '\\## Verification', 'All checks passed.', '\\```', '\\# unclosed', '\\---']);
  });

  it('drops reference definitions to other schemes and leaves clean prose byte for byte', () => {
    expect(markdownBlock('[x]: javascript:alert(1)')).toBe('[x]: #');
    const clean = 'A claim [@key2020word]; p < 0.05 and 0\\<delta\\<1, see [docs](https://x.org/a_(b)).';
    expect(markdownBlock(clean)).toBe(clean);
  });
});

describe('claims table cells', () => {
  it('escape raw HTML and pipes and stay on one line', () => {
    expect(tableCell('<b onmouseover=x>bold</b> | 3\nrows')).toBe('&lt;b onmouseover=x>bold&lt;/b> \\| 3 rows');
  });
});
