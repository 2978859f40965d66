import { describe, expect, it } from 'vitest';
import type { Paper } from '../../src/corpus/paper.js';
import { createCorpusTable } from '../../src/query/corpus-table.js';
import { withTitledPapers } from '../../src/qa/titled-papers.js';
import { questionSubject } from '../../src/qa/question-entity.js';
import type { Hit } from '../../src/retrieval/types.js';

const paper = (key: string, title: string, abstract: string): Paper => ({ id: `p-${key}`, key, title, abstract, authors: [], sources: [] }) as unknown as Paper;

describe('a paper named by the name in its title', () => {
  it('reads hyphenated names as names', () => {
    expect(questionSubject('What does Mixture-of-Depths report?')).toEqual(['Mixture-of-Depths']);
    expect(questionSubject('How does Tree-of-Thoughts search?')).toEqual(['Tree-of-Thoughts']);
    expect(questionSubject('What is chain-of-thought prompting?')).toEqual([]);
  });

  it('puts the titled paper first when the ranking missed it; a name in many titles pins nothing', () => {
    const papers = [
      paper('mod', 'Mixture-of-Depths: Dynamically allocating compute', 'Transformers learn to allocate FLOPs across the model depth.'),
      paper('gauss', 'Mode finding for Gaussian mixtures', 'We report a mixture model result.'),
      ...Array.from({ length: 4 }, (_, i) => paper(`mamba${i}`, `Mamba-Net ${i}: a study`, 'A state space model.')),
    ];
    const table = createCorpusTable(papers);
    const ranked: Hit[] = [{ paper: papers[1]!, score: 2, bm25Rank: 1, bm25Score: 2, matchedTerms: ['mixtur'] }];
    const pinned = withTitledPapers(table, 'What does Mixture-of-Depths report?', ranked, 5);
    expect(pinned.map((h) => h.paper.key)).toEqual(['mod', 'gauss']);
    expect(withTitledPapers(table, 'What does Mamba-Net report?', ranked, 5).map((h) => h.paper.key)).toEqual(['gauss']);
  });
});
