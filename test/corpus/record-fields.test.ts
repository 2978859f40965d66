import { describe, expect, it } from 'vitest';
import { splitAuthors, surname } from '../../src/corpus/authors.js';
import { parseDate } from '../../src/corpus/dates.js';
import { deriveTitle } from '../../src/corpus/derive-title.js';
import { cleanArxivId, cleanDoi } from '../../src/corpus/identifiers.js';

describe('authors', () => {
  it.each([
    ['Smith, John; Doe, Jane', ['Smith, John', 'Doe, Jane']],
    ['John Smith and Jane Doe', ['John Smith', 'Jane Doe']],
    ['Smith J., Doe A.B.', ['Smith J.', 'Doe A.B.']],
    ['John Smith, Jane Doe, Wei Zhang', ['John Smith', 'Jane Doe', 'Wei Zhang']],
    ['Chen, Ricky T. Q.', ['Chen, Ricky T. Q.']],
    ['Chen, R. T. Q., Smith, J.', ['Chen, R. T. Q.', 'Smith, J.']],
    ['A | B', ['A', 'B']],
    ['Smith, John; et al.', ['Smith, John']],
  ])('%s', (input, expected) => {
    expect(splitAuthors(input)).toEqual(expected);
  });

  it('finds surnames', () => {
    expect(['Smith, John', 'John Smith', 'Smith J.', 'John Smith Jr.'].map(surname)).toEqual(['Smith', 'Smith', 'Smith', 'Smith']);
  });
});

describe('dates', () => {
  it.each([
    ['2021', { year: 2021 }],
    ['2021-03', { year: 2021, date: '2021-03' }],
    ['2021-03-04T10:00:00Z', { year: 2021, date: '2021-03-04' }],
    ['2020/12/06/', { year: 2020, date: '2020-12' + '-06' }],
    ['2020///', { year: 2020 }],
    ['Mar 4, 2021', { year: 2021, date: '2021-03-04' }],
    ['4 March 2021', { year: 2021, date: '2021-03-04' }],
    ['Spring 2019 issue', { year: 2019 }],
    ['no date', {}],
  ])('%s', (input, expected) => {
    expect(parseDate(input)).toEqual(expected);
  });
});

describe('identifiers', () => {
  it('cleans DOIs and arXiv ids', () => {
    expect(cleanDoi('https://doi.org/10.1000/ABC.1')).toBe('10.1000/ABC.1');
    expect(cleanDoi('doi: 10.1000/x')).toBe('10.1000/x');
    expect(cleanDoi('not a doi')).toBeUndefined();
    expect(cleanArxivId('arXiv:2401.00001v2')).toBe('2401.00001v2');
    expect(cleanArxivId('https://arxiv.org/abs/hep-th/9901001')).toBe('hep-th/9901001');
  });

  it('accepts the spellings found in exported records', () => {
    for (const doi of [' 10.1000/x ', 'doi:10.1000/x', 'DOI:  10.1000/x', 'http://dx.doi.org/10.1000/x', 'https://doi.org/10.1000/x']) expect(cleanDoi(doi)).toBe('10.1000/x');
    // A DOI suffix may itself contain `doi:`; only a leading prefix is removed.
    expect(cleanDoi('10.5555/doi:123')).toBe('10.5555/doi:123');
    expect(cleanArxivId(' arXiv:2401.00001 ')).toBe('2401.00001');
    expect(cleanArxivId('http://arxiv.org/abs/2401.00001v12')).toBe('2401.00001v12');
    expect(cleanArxivId('https://arxiv.org/pdf/2401.00001v2.pdf')).toBe('2401.00001v2');
    expect(cleanArxivId('math.GT/0309136v1')).toBe('math.GT/0309136v1');
  });

  it('rejects text that only contains an identifier', () => {
    for (const text of ['see 10.1000/x', '10.1000/x and more', 'https://example.org/10.1000/x']) expect(cleanDoi(text)).toBeUndefined();
    for (const text of ['12401.00001', '2401.000012', 'see 2401.00001', '2401.00001 v2']) expect(cleanArxivId(text)).toBeUndefined();
  });
});

describe('derived titles', () => {
  it('take the first clause, at most ten words', () => {
    expect(deriveTitle('Quantization-Aware Training (QAT) integrates quantization into the training loop, enabling LLMs to learn.')).toBe(
      'Quantization-Aware Training (QAT) integrates quantization into the training loop',
    );
    expect(deriveTitle('Transformers have demonstrated remarkable capabilities in multi-step reasoning tasks. However, more.')).toBe(
      'Transformers have demonstrated remarkable capabilities in multi-step reasoning tasks',
    );
    expect(deriveTitle('Efficient inference of large language models is hindered by an ever-growing key-value cache that we compress')).toBe(
      'Efficient inference of large language models is hindered…',
    );
  });
});
