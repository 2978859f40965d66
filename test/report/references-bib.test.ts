import { describe, expect, it } from 'vitest';
import type { Paper } from '../../src/corpus/paper.js';
import { escapeLatex } from '../../src/report/bibtex-escape.js';
import { renderReferencesBib } from '../../src/report/references-bib.js';

const base: Paper = { id: 'x', key: 'k', title: 't', titleDerived: false, abstract: '', authors: [], sources: [] };

describe('references.bib', () => {
  it('escapes LaTeX special characters', () => {
    expect(escapeLatex('50% & $5 #1 a_b {x} ~ ^ \\')).toBe(
      '50\\% \\& \\$5 \\#1 a\\_b \\{x\\} \\textasciitilde{} \\textasciicircum{} \\textbackslash{}',
    );
  });

  it('keeps the user entry verbatim, setting only the key when it changed', () => {
    const original = '@inproceedings{li2024snap,\n  title = {Snap{KV}: LLM Knows},\n  booktitle = {NeurIPS},\n  year = 2024\n}';
    const same = renderReferencesBib([{ ...base, key: 'li2024snap', bibtex: original }]);
    expect(same).toBe(`${original}\n`);
    const renamed = renderReferencesBib([{ ...base, key: 'li2024snapa', bibtex: original }]);
    expect(renamed).toBe(`${original.replace('li2024snap,', 'li2024snapa,')}\n`);
  });

  it('generates @misc for preprints and @article for venues, with escaped fields', () => {
    const bib = renderReferencesBib([
      {
        ...base, key: 'chen2024', title: 'R&D at 100%: A $\\pm$ Study', authors: ['Ada Chen', 'Bo_Li'], year: 2024,
        arxivId: '2401.01234', url: 'https://arxiv.org/abs/2401.01234', doi: '10.48550/arXiv.2401.01234',
      },
      { ...base, key: 'doe2020', title: 'Journal Work', authors: ['Doe, Jane'], year: 2020, venue: 'J. Mach. Learn. Res.' },
    ]);
    expect(bib).toBe(
      [
        '@misc{chen2024,',
        '  title = {{R\\&D at 100\\%: A \\$\\textbackslash{}pm\\$ Study}},',
        '  author = {Ada Chen and Bo\\_Li},',
        '  year = {2024},',
        '  doi = {10.48550/arXiv.2401.01234},',
        '  url = {https://arxiv.org/abs/2401.01234},',
        '  eprint = {2401.01234},',
        '  archivePrefix = {arXiv}',
        '}',
        '',
        '@article{doe2020,',
        '  title = {{Journal Work}},',
        '  author = {Doe, Jane},',
        '  journal = {J. Mach. Learn. Res.},',
        '  year = {2020}',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('parses back with a BibTeX parser', async () => {
    const bib = renderReferencesBib([{ ...base, key: 'a1', title: 'Odd {braces} & 5% chars_', authors: ['Zoë Ä'], year: 2021 }]);
    const { parse } = await import('@retorquere/bibtex-parser');
    const result = parse(bib);
    expect(result.errors).toEqual([]);
    expect(result.entries.map((e) => e.key)).toEqual(['a1']);
  });
});

describe('references.bib, a title derived from the abstract', () => {
  it('is marked in a note, so no reader takes it for the paper\'s title', () => {
    const bib = renderReferencesBib([{ ...base, key: 'kv-inference', title: 'Efficient inference of large language models is hindered', titleDerived: true }]);
    expect(bib).toContain('  note = {Title derived from the abstract}');
    expect(renderReferencesBib([{ ...base, key: 'a', title: 'A real title' }])).not.toContain('note =');
  });
});
