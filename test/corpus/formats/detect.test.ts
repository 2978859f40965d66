import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../../src/corpus/formats/detect.js';

describe('format detection by content', () => {
  it.each([
    ['refs.txt', '% my refs\n@article{k1,\n  title = {T},\n}\n', 'bibtex'],
    ['export.txt', 'TY  - JOUR\nTI  - T\nER  - \n', 'ris'],
    ['table.txt', 'Title,Abstract\nT,A\n', 'csv'],
    ['table.csv', 'title\tabstract\nT\tA\n', 'tsv'],
    ['data.txt', '[{"title": "T"}]', 'json'],
    ['data.json', '{"title": "T1"}\n{"title": "T2"}\n', 'json'],
    ['lines.jsonl', '{"title": "T1"}\n', 'jsonl'],
    ['feed.xml', '<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><entry/></feed>', 'arxiv'],
    ['page.html', 'Get trending papers in your email inbox!\nSubscribeA Title\nAn abstract.\n', 'listing'],
    ['notes.txt', '# Heading\n\nSome text.\n', 'text'],
    ['empty.bib', '% only a comment\n', 'bibtex'],
    ['notes.md', '[a link](http://x) and some prose\n', 'text'],
  ])('%s is read as %s', (file, text, format) => {
    expect(detectFormat(text, file).format).toBe(format);
  });

  it('refuses XML that is not a feed, and a CSV without a usable header', () => {
    expect(detectFormat('<html><body>x</body></html>', 'x.xml')).toMatchObject({ format: null });
    expect(detectFormat('a,b,c\n1,2,3\n', 'x.csv')).toMatchObject({ format: null, reason: expect.stringMatching(/no column named title or abstract; columns found: "a", "b", "c"; to read them, add --map title=/) });
  });
});
