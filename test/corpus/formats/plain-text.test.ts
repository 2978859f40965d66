import { describe, expect, it } from 'vitest';
import { readPlainText } from '../../../src/corpus/formats/plain-text.js';
import { ingestFixtures, paperTitled } from '../support.js';

describe('plain text and Markdown', () => {
  it('reads Markdown # Title sections with labelled metadata; a heading over deeper ones is a section', async () => {
    const report = await ingestFixtures('notes.md');
    expect(report.files[0]).toMatchObject({ format: 'text', records: 2 });
    const retnet = paperTitled(report, 'Retentive Network');
    expect(retnet).toMatchObject({ authors: ['Yutao Sun', 'Li Dong'], year: 2023 });
    expect(retnet.abstract).toBe(
      'In this work, we propose Retentive Network (RetNet) as a foundation architecture for large language models, simultaneously achieving training parallelism, low-cost inference, and good performance.',
    );
    expect(report.papers.some((p) => p.title === 'My reading list')).toBe(false);
  });

  it('reads title + hard-wrapped abstract blocks', async () => {
    const report = await ingestFixtures('plain.txt');
    expect(report.papers.map((p) => p.title).sort()).toEqual([
      'Sparse Mixture-of-Experts Are Domain Generalizable Learners',
      'Switch Transformers: Scaling to Trillion Parameter Models with Simple and Efficient Sparsity',
    ]);
    expect(paperTitled(report, 'Switch').abstract).toMatch(/^In deep learning, models typically reuse .* for each incoming example\.$/);
  });

  it('reads Title: / Abstract: labelled records with wrapped values', async () => {
    const report = await ingestFixtures('labelled.txt');
    expect(paperTitled(report, 'Chain-of-Thought Prompting')).toMatchObject({ authors: ['Jason Wei', 'Xuezhi Wang'], year: 2022 });
    expect(paperTitled(report, 'Chain-of-Thought Prompting').abstract).toMatch(/steps, significantly improves .* complex reasoning\.$/);
    expect(paperTitled(report, 'Self-Consistency').abstract).toMatch(/^We propose a new decoding strategy/);
  });

  it('takes an unlabelled line before each Abstract: line as its title', () => {
    const text = 'First Paper Title\nAbstract: The first abstract.\n\nSecond Paper Title\nAbstract: The second abstract.\n';
    const r = readPlainText(text, 'x.txt');
    expect(r.records.map((x) => [x.title, x.abstract])).toEqual([
      ['First Paper Title', 'The first abstract.'],
      ['Second Paper Title', 'The second abstract.'],
    ]);
  });

  it('keeps a hard-wrapped abstract paragraph whole when it has no title line', () => {
    const text =
      'A Title Standing Alone On Its Line\n\nWe propose a method that is described over several hard-wrapped lines of\nabout the same length, as editors write them, and it continues on the next\nline until the end.\n';
    const r = readPlainText(text, 'x.txt');
    expect(r.records).toHaveLength(1);
    expect(r.records[0]).toMatchObject({ title: 'A Title Standing Alone On Its Line' });
    expect(r.records[0]!.abstract).toMatch(/^We propose a method .* until the end\.$/);
  });
});

describe('plain text without blank lines', () => {
  const long = (t: string) => `${t} is studied here at length. We describe the setting, the method and the evaluation in detail, and we report results on several public benchmarks with ablations.`;

  it('reads one entry per line when lines alternate titles and unwrapped abstracts', () => {
    const text = ['First Entry Title', long('Topic one'), 'Second Entry Title', long('Topic two')].join('\n');
    const r = readPlainText(text, 'x.txt');
    expect(r.records.map((x) => x.title)).toEqual(['First Entry Title', 'Second Entry Title']);
  });

  it('keeps a single hard-wrapped abstract whole', () => {
    const text = 'We propose a method that is described over several hard-wrapped lines of\nabout the same length, as editors write them, and it continues on the next\nline until the end of the abstract.\n';
    const r = readPlainText(text, 'x.txt');
    expect(r.records).toHaveLength(1);
    expect(r.records[0]!.title).toBeUndefined();
    expect(r.records[0]!.abstract).toMatch(/^We propose .* end of the abstract\.$/);
  });
});
