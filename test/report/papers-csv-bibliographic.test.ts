import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';

const dir = mkdtempSync(path.join(tmpdir(), 'litrev-csv-bib-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('papers.csv bibliographic columns', () => {
  it('holds authors, year, venue, doi and url, also for a doi column mapped with --map', async () => {
    writeFileSync(
      path.join(dir, 'sheet.csv'),
      'Title,Abstract,Authors,Year,Journal,Identifier,Link\n' +
        '"H2O: Heavy-Hitter Oracle","We evict KV cache entries and keep 20% of them.","Zhang, Zhenyu; Sheng, Ying",2023,NeurIPS,10.5555/h2o,https://example.org/h2o\n',
    );
    const ingest = await runCli(['ingest', 'sheet.csv', '--map', 'doi=Identifier', '--map', 'venue=Journal', '--map', 'url=Link', '--json'], { cwd: dir });
    expect(ingest.code, ingest.stderr).toBe(0);
    const review = await runCli(['review', '--offline', '--out', 'run', '--json'], { cwd: dir });
    expect(review.code, review.stderr).toBe(0);
    const rows = parse(readFileSync(path.join(dir, 'run', 'papers.csv'), 'utf8'), { columns: true, bom: true }) as Record<string, string>[];
    expect(rows[0]).toMatchObject({
      key: 'zhang2023h2o',
      authors: 'Zhang, Zhenyu; Sheng, Ying',
      year: '2023',
      venue: 'NeurIPS',
      doi: '10.5555/h2o',
      url: 'https://example.org/h2o',
      title_derived: '',
    });
  });
});
