import { describe, expect, it } from 'vitest';
import { renderMatrixTable } from '../../src/runs/matrix-table.js';
import { renderTable } from '../../src/runs/text-table.js';

describe('renderMatrixTable', () => {
  it('prints one aligned line per run, the first as baseline', () => {
    const row = { outDir: 'runs/x', papers: 40, annotated: 40, failed: 0, calls: 12, cacheHits: 0, costUSD: 0.0123, categories: 6, kappaVsFirst: null };
    const text = renderMatrixTable([
      { ...row, label: 'prompts=a model=m1', runId: 'r-a-m1' },
      { ...row, label: 'prompts=a model=m2', runId: 'r-a-m2', kappaVsFirst: 0.8125, costUSD: null },
      { ...row, label: 'prompts=b model=m1', runId: 'r-b-m1', kappaVsFirst: 1, failed: 2, annotated: 38 },
      { ...row, label: 'prompts=b model=m2', runId: 'r-b-m2', kappaVsFirst: null, calls: 1234 },
    ]);
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(6);
    expect(lines[0]).toMatch(/^run\s+id\s+papers\s+annotated\s+failed\s+calls\s+cache hits\s+cost\s+categories\s+kappa vs 1st\s+folder$/);
    expect(lines[2]).toMatch(/^prompts=a model=m1\s+r-a-m1\s+40\s+40\s+0\s+12\s+0\s+\$0\.0123\s+6\s+\(baseline\)\s+runs\/x$/);
    expect(lines[3]).toContain('unknown');
    expect(lines[3]).toContain('0.813');
    expect(lines[4]).toContain('1.000');
    expect(lines[5]).toContain('n/a');
    expect(lines[5]).toContain('1,234');
    // Right-aligned numbers end in the same column on every line.
    const end = (l: string) => l.indexOf('kappa vs 1st') + 'kappa vs 1st'.length;
    expect(lines.slice(2).map((l) => l.slice(0, end(lines[0]!)).trimEnd().length)).toEqual([end(lines[0]!), end(lines[0]!), end(lines[0]!), end(lines[0]!)]);
  });
});

describe('renderTable', () => {
  it('pads left and right aligned columns and trims line ends', () => {
    expect(renderTable([{ header: 'a' }, { header: 'n', align: 'right' }], [['xx', '1'], ['y', '100']])).toBe(
      'a     n\n--  ---\nxx    1\ny   100\n',
    );
  });
});
