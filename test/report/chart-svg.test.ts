import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { Paper } from '../../src/corpus/paper.js';
import type { Taxonomy } from '../../src/review/annotation.js';
import { renderCategoryChartSvg } from '../../src/report/chart-svg.js';

const papers: Paper[] = [2021, 2023, 2023, undefined].map((year, i) => ({
  id: `p${i}`, key: `k${i}`, title: 't', titleDerived: false, abstract: '', authors: [], sources: [], ...(year ? { year } : {}),
}));
const taxonomy: Taxonomy = {
  source: 'offline',
  categories: [
    { id: 'c1', name: 'Caches & <Quantization> "fast"', definition: '', paperIds: ['p0', 'p1', 'p2'] },
    { id: 'c2', name: "Theory's bounds", definition: '', paperIds: ['p3'] },
  ],
};

describe('renderCategoryChartSvg', () => {
  const svg = renderCategoryChartSvg(taxonomy, papers);

  it('is valid SVG with escaped labels', () => {
    expect(XMLValidator.validate(svg)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false }).parse(svg);
    expect(doc.svg['@_xmlns']).toBe('http://www.w3.org/2000/svg');
    expect(svg).toContain('Caches &amp; &lt;Quantization&gt; &quot;fast&quot;');
  });

  it('draws papers per category and per year when years are known', () => {
    expect(svg).toContain('Papers per category');
    expect(svg).toContain('Papers per year');
    expect(svg).toContain('<title>2023: 2</title>');
    const noYears = renderCategoryChartSvg(taxonomy, papers.map(({ year: _y, ...p }) => p));
    expect(noYears).not.toContain('Papers per year');
    expect(renderCategoryChartSvg(taxonomy, papers)).toBe(svg);
  });
});

describe('renderCategoryChartSvg label room', () => {
  it('widens the label column to fit its longest label, so no label starts left of the image', async () => {
    const { labelWidth } = await import('../../src/report/chart-svg.js');
    const long = 'Key-Value Cache Compression, Eviction and Quantisation Methods';
    const svg = renderCategoryChartSvg({ source: 'offline', categories: [{ id: 'c1', name: long, definition: '', paperIds: ['p0'] }, { id: 'c2', name: 'WWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWW', definition: '', paperIds: ['p1'] }] }, papers);
    const width = Number(/<svg[^>]* width="(\d+)"/.exec(svg)![1]);
    for (const m of svg.matchAll(/<text x="(\d+)" y="\d+" font-size="12" text-anchor="end"[^>]*>([^<]*)<\/text>/g)) {
      const x = Number(m[1]);
      expect(x - labelWidth(m[2]!)).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(width);
    }
    expect(svg).toContain(long.slice(0, 59));
  });
});
