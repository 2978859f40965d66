import { describe, expect, it } from 'vitest';
import { maskField, maskedContent, unmaskSource } from '../../../src/corpus/formats/bibtex-mask.js';
import { readBibtex } from '../../../src/corpus/formats/bibtex.js';
import { cleanText } from '../../../src/corpus/clean-text.js';

const BIB = `@comment{ abstract = {not a field} }
@string{ab = "A macro abstract."}
@article{a1,
  title = {First},
  abstract = {Braced {with} nested {braces} and \\"{u}mlauts},
}
@article{a2, title = "Second", abstract = "Quoted {value}, with a comma"}
@article(a3, title = {Third}, abstract = ab # { and more})
@article{a4, title = {Fourth}, note = {the abstract = {x} inside a note}}
`;

describe('masking BibTeX abstracts for speed', () => {
  it('masks plain braced and quoted abstract values only, and restores the source exactly', () => {
    const m = maskField(BIB);
    expect([...m.values.values()].map((v) => v.content)).toEqual(['Braced {with} nested {braces} and \\"{u}mlauts', 'Quoted {value}, with a comma']);
    expect(m.text).toContain('abstract = {litrevmasked0x}');
    expect(m.text).toContain('abstract = {litrevmasked1x}');
    expect(m.text).toContain('abstract = ab # { and more}');
    expect(m.text).toContain('@comment{ abstract = {not a field} }');
    expect(m.text).toContain('note = {the abstract = {x} inside a note}');
    expect(unmaskSource(m.text, m.values)).toBe(BIB);
    expect(maskedContent('litrevmasked1x', m.values)).toBe('Quoted {value}, with a comma');
    expect(maskedContent('plain text', m.values)).toBeUndefined();
  });

  it('gives the same records as parsing without masking would, with the original entry text', async () => {
    const r = await readBibtex(BIB, 'x.bib');
    expect(r.issues).toEqual([]);
    // Masked or not, values come back as LaTeX source: one decoder (cleanText's) reads every field.
    expect(r.records[0]!.abstract).toBe('Braced {with} nested {braces} and \\"{u}mlauts');
    expect(r.records.map((x) => [x.citationKey, x.title, x.abstract === undefined ? undefined : cleanText(x.abstract)])).toEqual([
      ['a1', 'First', 'Braced with nested braces and ümlauts'],
      ['a2', 'Second', 'Quoted value, with a comma'],
      ['a3', 'Third', 'A macro abstract. and more'],
      ['a4', 'Fourth', undefined],
    ]);
    expect(r.records[0]!.bibtex).toBe('@article{a1,\n  title = {First},\n  abstract = {Braced {with} nested {braces} and \\"{u}mlauts},\n}');
    expect(r.records[0]!.source.line).toBe(3);
    expect(r.records[2]!.source.line).toBe(8);
  });

  it('leaves an entry with unbalanced braces to the parser, which reports it', async () => {
    const text = '@article{ok, title = {Fine}, abstract = {Fine abstract.}}\n@article{bad, title = {Broken, abstract = {x}\n';
    const r = await readBibtex(text, 'x.bib');
    expect(r.records.map((x) => x.citationKey)).toEqual(['ok']);
    expect(r.issues[0]!.reason).toMatch(/^line 2: entry "bad" skipped/);
  });
});
