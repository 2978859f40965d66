import { describe, expect, it } from 'vitest';
import { splitSections } from '../../src/runs/review-sections.js';
import { diffReviewSections } from '../../src/runs/section-diff.js';

const A = `# Review

Intro line.

## Pruning

Pruning removes weights [@a].
It works.

### Detail

Sub-detail stays in Pruning.

## Quantisation

Low-bit weights [@b].

## Open problems

Many.
`;

describe('splitSections', () => {
  it('splits on ## headings only, outside code fences', () => {
    const md = '# T\n\n## One\ntext\n```\n## not a heading\n```\n### Sub\n## Two\nmore\n';
    const s = splitSections(md);
    expect(s.map((x) => x.heading)).toEqual(['', 'One', 'Two']);
    expect(s[1]!.lines).toContain('## not a heading');
    expect(s[1]!.lines).toContain('### Sub');
  });
});

describe('diffReviewSections', () => {
  it('reports nothing for identical reviews', () => {
    expect(diffReviewSections(A, A)).toEqual({ unchanged: 4, changed: [] });
  });

  it('diffs changed sections line by line and reports added and removed sections in order', () => {
    const B = A.replace('It works.', 'It works well.')
      .replace('## Quantisation\n\nLow-bit weights [@b].\n\n', '')
      .replace('## Open problems', '## Distillation\n\nTeachers [@c].\n\n## Open problems');
    const d = diffReviewSections(A, B);
    expect(d.unchanged).toBe(2);
    expect(d.changed.map((c) => [c.heading, c.status])).toEqual([
      ['Pruning', 'changed'],
      ['Quantisation', 'removed'],
      ['Distillation', 'added'],
    ]);
    const pruning = d.changed[0]!;
    expect(pruning.linesAdded).toBe(1);
    expect(pruning.linesRemoved).toBe(1);
    expect(pruning.diff).toContain('-It works.');
    expect(pruning.diff).toContain('+It works well.');
    expect(pruning.diff).toMatch(/^@@ -\d+,\d+ \+\d+,\d+ @@/);
    expect(d.changed[1]!.diff).toContain('-Low-bit weights [@b].');
    expect(d.changed[2]!.diff).toContain('+Teachers [@c].');
  });

  it('treats a missing review as empty', () => {
    const d = diffReviewSections(A, null);
    expect(d.unchanged).toBe(0);
    expect(d.changed.every((c) => c.status === 'removed')).toBe(true);
  });
});
