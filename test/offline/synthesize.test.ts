import { describe, expect, it } from 'vitest';
import { classifyOffline } from '../../src/offline/classify.js';
import { synthesizeOffline } from '../../src/offline/synthesize.js';
import { induceTaxonomyOffline } from '../../src/offline/taxonomy.js';
import { renderReviewMarkdown } from '../../src/report/review-markdown.js';
import { citedKeys } from '../../src/verify/citation-keys.js';
import { verifyReview } from '../../src/verify/verify-review.js';
import { load001 } from './helpers/example-corpus.js';

describe('synthesizeOffline on examples/corpus/001', () => {
  const papers = load001();
  const annotations = classifyOffline(papers);
  const taxonomy = induceTaxonomyOffline(papers, annotations);
  const draft = synthesizeOffline({ papers, annotations, taxonomy });
  const markdown = renderReviewMarkdown(draft, { papers, annotations, taxonomy });

  it('is deterministic, byte for byte', () => {
    const again = synthesizeOffline({ papers, annotations, taxonomy });
    expect(renderReviewMarkdown(again, { papers, annotations, taxonomy })).toBe(markdown);
  });

  it('writes one non-empty section per category, an overview and open problems', () => {
    expect(draft.engine).toBe('offline');
    expect(draft.sections.map((s) => s.categoryId)).toEqual(taxonomy.categories.map((c) => c.id));
    for (const s of draft.sections) expect(s.body.length).toBeGreaterThan(200);
    expect(draft.overview).toMatch(/This review covers 183 papers/);
    expect(draft.openProblems.length).toBeGreaterThan(100);
    expect(markdown).toContain("Drafted by litrev's offline extractive engine (no language model)");
  });

  it('cites every categorised paper, and only corpus papers', () => {
    const keys = new Set(papers.map((p) => p.key));
    const cited = new Set(citedKeys(markdown));
    expect([...cited].every((k) => keys.has(k))).toBe(true);
    expect(cited.size).toBe(papers.length);
  });

  it('passes its own verification: no dangling citation, no unsupported number, verbatim quotes', () => {
    const { markdown: checked, report } = verifyReview({ markdown, papers, annotations });
    expect(checked).toBe(markdown);
    expect(report.summary.danglingRemoved).toBe(0);
    expect(report.summary.numbersUnsupported).toBe(0);
    expect(report.summary.numbersChecked).toBeGreaterThan(100);
    expect(report.summary.quotesNotVerbatim).toBe(0);
  });

  it('ends every paragraph and list item with a full stop (no trailing fragments)', () => {
    const blocks = markdown.split(/\n\s*\n/).filter((b) => !/^(#|```|\||_)/.test(b.trim()));
    for (const block of blocks) for (const line of block.split('\n').filter((l) => l.trim())) expect(line.trim()).toMatch(/[.?!]$/);
  });

  it('writes a focused review with --topic, leaving out papers screened out', () => {
    const screened = annotations.map((a, i) => (i % 2 === 0 ? a : { ...a, relevance: { relevant: false, reason: 'off topic' } }));
    const focused = synthesizeOffline({ papers, annotations: screened, taxonomy, topic: 'KV cache compression' });
    expect(focused.topic).toBe('KV cache compression');
    expect(focused.title).toBe('A review of KV cache compression');
    const md = renderReviewMarkdown(focused, { papers, annotations: screened, taxonomy });
    const cited = new Set(citedKeys(md));
    expect(papers.filter((_, i) => i % 2 === 1).some((p) => cited.has(p.key))).toBe(false);
  });
});
