import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeBytes } from '../../src/corpus/decode.js';
import { ingestPaths } from '../../src/corpus/ingest.js';
import { tempFiles } from './support.js';

const TEXT = 'title,abstract,author\n"Naïve Bayes for “Müller” data","We revisit naïve Bayes — a classic — at the café.","Müller, Jörg"\n';
const bom = (bytes: number[], body: Buffer) => Buffer.concat([Buffer.from(bytes), body]);

describe('decodeBytes', () => {
  it.each([
    ['UTF-8', Buffer.from(TEXT, 'utf8'), 'utf-8'],
    ['UTF-8 with BOM', bom([0xef, 0xbb, 0xbf], Buffer.from(TEXT, 'utf8')), 'utf-8 (BOM)'],
    ['UTF-16 LE with BOM', bom([0xff, 0xfe], iconv.encode(TEXT, 'utf-16le')), 'utf-16le (BOM)'],
    ['UTF-16 BE with BOM', bom([0xfe, 0xff], iconv.encode(TEXT, 'utf-16be')), 'utf-16be (BOM)'],
    ['UTF-16 LE without BOM', iconv.encode(TEXT, 'utf-16le'), 'utf-16le (no BOM)'],
    ['Windows-1252 (curly quotes 0x93/0x94)', iconv.encode(TEXT, 'windows-1252'), 'windows-1252'],
  ])('%s', (_name, bytes, encoding) => {
    const r = decodeBytes(bytes);
    expect(r).toEqual({ ok: true, text: TEXT, encoding });
  });

  it('reads Latin-1 as Windows-1252 (its printable superset)', () => {
    const latin = 'Müller and the naïve café, façade, señor; plain ASCII around it.';
    const r = decodeBytes(iconv.encode(latin, 'latin1'));
    expect(r.ok && r.text).toBe(latin);
    const quotes = Buffer.from([0x93, 0x71, 0x75, 0x6f, 0x74, 0x65, 0x64, 0x94, 0x20, 0x74, 0x65, 0x78, 0x74]);
    const q = decodeBytes(quotes);
    expect(q.ok && q.text).toBe('“quoted” text');
  });

  it('turns CRLF and CR line endings into LF', () => {
    const r = decodeBytes(Buffer.from('a\r\nb\rc\n'));
    expect(r.ok && r.text).toBe('a\nb\nc\n');
  });

  it('refuses binary content with a reason', () => {
    expect(decodeBytes(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0x02]))).toEqual({ ok: false, reason: 'binary file (NUL byte at offset 4)' });
    const control = Buffer.alloc(200, 0x01);
    const r = decodeBytes(control);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toMatch(/^binary file \(\d+% control bytes\)$/);
    const noise = Buffer.from(Array.from({ length: 400 }, (_, i) => 0x80 + ((i * 37) % 120)));
    expect(decodeBytes(noise)).toMatchObject({ ok: false, reason: expect.stringMatching(/^binary file \(\d+% non-text bytes, not UTF-8\)$/) });
  });
});

describe('every encoding through ingest', () => {
  it('gives the same paper, with accents and curly quotes intact', async () => {
    const dir = await tempFiles({
      'utf8.csv': Buffer.from(TEXT.replace(/\n/g, '\r\n'), 'utf8'),
      'utf8bom.csv': bom([0xef, 0xbb, 0xbf], Buffer.from(TEXT, 'utf8')),
      'utf16le.csv': bom([0xff, 0xfe], iconv.encode(TEXT, 'utf-16le')),
      'utf16be.csv': bom([0xfe, 0xff], iconv.encode(TEXT, 'utf-16be')),
      'cp1252.csv': iconv.encode(TEXT.replace(/\n/g, '\r\n'), 'windows-1252'),
    });
    const report = await ingestPaths([dir]);
    expect(report.records).toBe(5);
    expect(report.papers).toHaveLength(1);
    expect(report.duplicates).toBe(4);
    const [paper] = report.papers;
    expect(paper!.title).toBe('Naïve Bayes for “Müller” data');
    expect(paper!.abstract).toBe('We revisit naïve Bayes — a classic — at the café.');
    expect(paper!.authors).toEqual(['Müller, Jörg']);
    expect(report.files.map((f) => f.encoding).sort()).toEqual(['utf-16be (BOM)', 'utf-16le (BOM)', 'utf-8', 'utf-8 (BOM)', 'windows-1252']);
  });
});
