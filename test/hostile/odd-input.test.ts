import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { classificationMetrics } from '../../src/eval/classification-metrics.js';
import { clusteringMetrics } from '../../src/eval/clustering-metrics.js';
import { renderCategoryChartSvg } from '../../src/report/chart-svg.js';
import { jsonOf, runCli } from '../support/run-cli.js';
import { RUN_PAPERS, writeRunFolder } from '../eval/fixture.js';

const dirs: string[] = [];
afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

async function workspace(gold: string | Buffer, name = 'gold.jsonl'): Promise<string> {
  const cwd = await mkdtemp(path.join(os.tmpdir(), 'litrev-odd-'));
  dirs.push(cwd);
  await writeRunFolder(path.join(cwd, 'runs', 'first'), 'first', RUN_PAPERS);
  await writeFile(path.join(cwd, name), gold);
  return cwd;
}

describe('no crash on odd input', () => {
  it('prototype-named labels are labels like any other', async () => {
    const gold = [
      { key: 'ann2024a', contributionType: '__proto__', category: 'constructor', relevant: 'yes' },
      { key: 'bob2024b', contributionType: 'method', category: '__proto__', relevant: 'yes' },
      { key: 'cy2024c', contributionType: 'toString', category: 'hasOwnProperty' },
    ].map((r) => JSON.stringify(r)).join('\n');
    const cwd = await workspace(gold);
    const r = await runCli(['eval', 'first', '--gold', 'gold.jsonl', '--json'], { cwd });
    expect(r.stderr).not.toMatch(/internal error/);
    expect(r.code).toBe(0);
    const t = jsonOf(r).runs[0].fields.contributionType;
    expect(t.n).toBe(3);
    expect(Object.keys(t.perClass)).toContain('__proto__');
    const plain = await runCli(['eval', 'first', '--gold', 'gold.jsonl'], { cwd });
    expect(plain.code).toBe(0);
    expect(classificationMetrics(['__proto__', 'a'], ['a', '__proto__']).accuracy).toBe(0);
    expect(clusteringMetrics(['__proto__', 'constructor'], ['x', 'y']).n).toBe(2);
  });

  it('125,000 unmatched gold rows and a report of them', async () => {
    const rows = Array.from({ length: 125_000 }, (_, i) => `{"key":"nobody${i}","relevant":"yes"}`);
    rows.push('{"key":"kim2024k","relevant":"yes"}');
    const cwd = await workspace(rows.join('\n'));
    const r = await runCli(['eval', 'first', '--gold', 'gold.jsonl', '--out', 'report.md'], { cwd });
    expect(r.stderr).not.toMatch(/internal error/);
    expect(r.code).toBe(0);
  });

  it('a UTF-16 gold CSV is read', async () => {
    const csv = 'key,contributionType\r\nann2024a,method\r\nbob2024b,method\r\n';
    const cwd = await workspace(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csv, 'utf16le')]), 'gold.csv');
    const r = await runCli(['eval', 'first', '--gold', 'gold.csv', '--json'], { cwd });
    expect(r.stderr).toBe('');
    expect(jsonOf(r).runs[0].fields.contributionType.n).toBe(2);
  });

  it('a chart of 200,000 categories', () => {
    const categories = Array.from({ length: 200_000 }, (_, i) => ({ id: `c${i}`, name: `Category ${i}`, definition: '', paperIds: [`p${i}`] }));
    const papers = categories.map((c, i) => ({ id: `p${i}`, key: `k${i}`, title: 't', abstract: '', authors: [], year: 2000 + (i % 20) }));
    const svg = renderCategoryChartSvg({ categories } as never, papers as never);
    expect(svg.startsWith('<svg')).toBe(true);
  });
});
