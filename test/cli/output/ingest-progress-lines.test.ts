import { PassThrough } from 'node:stream';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ingestPaths } from '../../../src/corpus/ingest.js';
import type { IngestProgress } from '../../../src/corpus/ingest-progress.js';
import { ingestProgressLines } from '../../../src/cli/output/ingest-progress-lines.js';

const here = path.dirname(fileURLToPath(import.meta.url));

function capture(): { stream: PassThrough; lines: () => string[] } {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (c: Buffer) => (text += c.toString('utf8')));
  return { stream, lines: () => text.split('\n').filter(Boolean) };
}

describe('ingest progress', () => {
  it('says nothing for a quick ingest, then a line per phase and at least every 5 s within one', () => {
    let t = 0;
    const out = capture();
    const listen = ingestProgressLines(out.stream, () => t);
    listen({ phase: 'reading', done: 1, total: 1 });
    t = 1000;
    listen({ phase: 'normalising', done: 5000, total: 100000 });
    expect(out.lines()).toEqual([]);
    t = 2500;
    listen({ phase: 'normalising', done: 10000, total: 100000 });
    t = 4000;
    listen({ phase: 'normalising', done: 20000, total: 100000 });
    t = 7600;
    listen({ phase: 'normalising', done: 60000, total: 100000 });
    t = 8000;
    listen({ phase: 'merging', done: 0, total: 100000 });
    listen({ phase: 'storing', done: 0, total: 99000 });
    expect(out.lines()).toEqual([
      'litrev: reading the corpus: 10,000 of 100,000 records normalised (elapsed 0:03)',
      'litrev: reading the corpus: 60,000 of 100,000 records normalised (elapsed 0:08)',
      'litrev: reading the corpus: merging duplicates among 100,000 records (elapsed 0:08)',
      'litrev: reading the corpus: storing 99,000 papers in the workspace (elapsed 0:08)',
    ]);
  });

  it('ingestPaths reports files read, then merging and keying, in order', async () => {
    const seen: IngestProgress[] = [];
    const report = await ingestPaths([path.resolve(here, '../../../examples/corpus')], { progress: (p) => seen.push(p) });
    const phases = [...new Set(seen.map((p) => p.phase))];
    expect(phases).toEqual(['reading', 'merging', 'keying']);
    const reading = seen.filter((p) => p.phase === 'reading');
    expect(reading.at(-1)).toEqual({ phase: 'reading', done: reading.length, total: reading.length });
    expect(seen.find((p) => p.phase === 'merging')?.total).toBe(report.records);
  });
});
