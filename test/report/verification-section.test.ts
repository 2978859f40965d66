import { describe, expect, it } from 'vitest';
import type { Paper } from '../../src/corpus/paper.js';
import { renderVerificationSection } from '../../src/report/verification-section.js';
import { verifyReview } from '../../src/verify/verify-review.js';

const paper = (key: string, abstract: string): Paper => ({ id: `id-${key}`, key, title: key, titleDerived: false, abstract, authors: [], sources: [] });

describe('renderVerificationSection', () => {
  it('states the counts and lists every problem with its line', () => {
    const papers = [paper('a', 'A reaches 93% accuracy.'), paper('b', 'B is 2x faster.')];
    const md = 'Intro.\n\nA is 3x faster [@a]. B cites a ghost [@ghost].\n';
    const { report } = verifyReview({ markdown: md, papers, annotations: [] });
    const section = renderVerificationSection(report);
    expect(section).toMatch(/^## Verification\n\nChecked without a model: 2 citations checked against the corpus \(1 unknown key removed\)/);
    expect(section).toContain('- line 3: "3x" (cites @a)');
    expect(section).toContain('- ghost (line 3)');
  });

  it('is short when everything checks out', () => {
    const papers = [paper('a', 'A reaches 93% accuracy.')];
    const { report } = verifyReview({ markdown: 'A reaches 93% accuracy [@a].\n', papers, annotations: [] });
    const section = renderVerificationSection(report);
    expect(section.trim().split('\n')).toHaveLength(3);
    expect(section).toContain('1 number in citing sentences looked up in the cited papers (0 not found)');
  });
});
