import { describe, expect, it } from 'vitest';
import type { Paper } from '../../src/corpus/paper.js';
import type { Annotation, Taxonomy } from '../../src/review/annotation.js';
import type { ReviewDraft } from '../../src/review/review-draft.js';
import { tableCell } from '../../src/report/claims-table.js';
import { mermaidLabel, renderMermaidMindmap } from '../../src/report/mermaid.js';
import { renderReviewMarkdown } from '../../src/report/review-markdown.js';

const papers: Paper[] = [
  {
    id: 'p1', key: 'fair2025', title: 'FairKV', titleDerived: false, authors: [], sources: [],
    abstract: 'FairKV increases throughput by 1.66x | compared to standard tensor parallelism inference.',
  },
];
const annotations: Annotation[] = [
  {
    paperId: 'p1', status: 'ok', contributionType: 'method', problem: '', methodFamily: 'KV "cache" (per-head)', methodSummary: '',
    tasks: [], datasets: [], models: [],
    claims: [
      {
        text: 'throughput', quote: 'FairKV increases throughput by 1.66x | compared to standard tensor parallelism inference.',
        quantitative: true, metric: 'throughput', value: '1.66x', baseline: 'standard tensor parallelism inference',
      },
      { text: 'paraphrase', quote: 'FairKV is 1.7x faster', quantitative: true, metric: 'speed', value: '1.7x', baseline: null },
    ],
  },
];
const taxonomy: Taxonomy = { source: 'offline', categories: [{ id: 'c-1', name: 'Caches "&" [heads]', definition: 'd', paperIds: ['p1'] }] };
const draft: ReviewDraft = {
  title: 'A review of the corpus',
  overview: 'One paper.',
  sections: [{ categoryId: 'c-1', heading: 'Caches', body: 'FairKV balances heads [@fair2025].' }],
  openProblems: 'None stated.',
  engine: 'offline',
};

describe('renderReviewMarkdown', () => {
  const md = renderReviewMarkdown(draft, { papers, annotations, taxonomy });

  it('has the title, the engine line, the mindmap, the sections, the claims table and open problems', () => {
    expect(md.startsWith('# A review of the corpus\n\n_Drafted by litrev\'s offline extractive engine (no language model): sentences are quoted or condensed from the abstracts._\n')).toBe(true);
    const headings = md.split('\n').filter((l) => l.startsWith('## '));
    expect(headings).toEqual(['## Overview', '## Taxonomy', '## Caches', '## Quantitative claims', '## Open problems']);
    expect(md).toContain('```mermaid\nmindmap\n');
  });

  it('lists verbatim quantitative claims only, with pipes escaped', () => {
    expect(md).toContain('| [@fair2025] | throughput | 1.66x | standard tensor parallelism inference | "FairKV increases throughput by 1.66x \\| compared to standard tensor parallelism inference." |');
    expect(md).not.toContain('1.7x');
    expect(tableCell('a | b\nc')).toBe('a \\| b c');
  });

  it('renders the same draft to the same bytes', () => {
    expect(renderReviewMarkdown(draft, { papers, annotations, taxonomy })).toBe(md);
  });

  it('says a model wrote a model draft', () => {
    expect(renderReviewMarkdown({ ...draft, engine: 'model' }, { papers, annotations, taxonomy })).toMatch(/^_Drafted by a language model/m);
  });
});

describe('Mermaid mindmap', () => {
  it('quotes and escapes every label', () => {
    expect(mermaidLabel('A "quoted" <b> `x`\nlabel')).toBe('"A #quot;quoted#quot; #lt;b#gt; #96;x#96; label"');
    const withSub = { ...taxonomy, categories: taxonomy.categories.map((c) => ({ ...c, subcategories: [{ id: `${c.id}.1`, name: 'KV "cache" (per-head)', definition: '', paperIds: c.paperIds }] })) };
    const mm = renderMermaidMindmap(withSub, 'Topic: "KV" (caches)');
    expect(mm).toBe(
      [
        'mindmap',
        '  root(("Topic: #quot;KV#quot; (caches)"))',
        '    c_1["Caches #quot;&#quot; [heads] (1)"]',
        '      c_1_s1("KV #quot;cache#quot; (per-head) (1)")',
      ].join('\n'),
    );
    // A category without subcategories has no child nodes: the mindmap shows the groups the sections describe.
    expect(renderMermaidMindmap(taxonomy, 'root')).toBe(['mindmap', '  root(("root"))', '    c_1["Caches #quot;&#quot; [heads] (1)"]'].join('\n'));
    // Every node line has balanced brackets around one quoted label.
    for (const line of mm.split('\n').slice(1)) expect(line.trim()).toMatch(/^[\w]+(\(\(|\[|\()"[^"]*"(\)\)|\]|\))$/);
  });
});
