import { describe, expect, it } from 'vitest';
import { extractClaims } from '../../src/offline/claims.js';
import { leansOnContext } from '../../src/offline/synth/anaphora.js';
import type { SectionPaper } from '../../src/offline/synth/section-paper.js';
import { metricComparisons } from '../../src/offline/synth/compare.js';
import { openProblemOf } from '../../src/offline/synth/open-problems.js';
import { paperLabel } from '../../src/offline/synth/paper-label.js';
import { describePaper } from '../../src/offline/synth/paper-sentences.js';
import { aboutPaper } from '../../src/offline/synth/rewrite.js';
import { classifyOffline } from '../../src/offline/classify.js';
import { splitSentences } from '../../src/verify/sentence-split.js';
import { makePaper } from './helpers/example-corpus.js';

const claimsOf = (abstract: string) => extractClaims(splitSentences(abstract), 1).map((c) => c.quote);

describe('claims stated in words, not only with numbers', () => {
  it('finds what the authors show, prove or find, and being the first', () => {
    const abstract =
      'Graph matching is hard. We study matching under noise. We prove that the problem is NP-hard even for trees. ' +
      'We show that a greedy rule recovers the matching when noise is small. ' +
      'Ours is the first algorithm with this guarantee. We hope this inspires future work.';
    expect(claimsOf(abstract)).toEqual([
      'We prove that the problem is NP-hard even for trees.',
      'We show that a greedy rule recovers the matching when noise is small.',
      'Ours is the first algorithm with this guarantee.',
    ]);
  });

  it('finds the findings of an empirical study and comparative results', () => {
    const abstract =
      'Flaky tests slow developers down. We analyse 800 projects written in Python. ' +
      'Our results reveal that order dependency is the main cause of flakiness. ' +
      'The proposed detector outperforms rerunning tests on every project.';
    expect(claimsOf(abstract)).toEqual([
      'Our results reveal that order dependency is the main cause of flakiness.',
      'The proposed detector outperforms rerunning tests on every project.',
    ]);
  });

  it('does not take a motivation for a result ("we observe that earlier methods neglect …")', () => {
    const abstract = 'Caches grow with the context. However, we observe that previous methods neglect dependencies between tokens. We propose ChunkCache.';
    expect(claimsOf(abstract)).toEqual([]);
  });
});

describe('sentences that stand on their own', () => {
  it('knows a sentence leaning on the one before', () => {
    expect(leansOnContext('This capability enables complex task-solving.')).toBe(true);
    expect(leansOnContext('KVQuant addresses this problem by quantizing the cache.')).toBe(true);
    expect(leansOnContext('FastKV bridges this gap with token-selective propagation.')).toBe(true);
    expect(leansOnContext('However, it fails on long inputs.')).toBe(true);
    expect(leansOnContext('FastKV selects tokens in later layers.')).toBe(false);
  });

  it('describes a paper from a sentence that stands alone, skipping ones that point back', () => {
    const paper = makePaper(1, 'A Comprehensive Benchmark of Long Context Approaches',
      'Long context capability is crucial. This capability enables complex task-solving such as book summarization. In this work, we evaluate ten approaches across seven categories of long context tasks.');
    const [annotation] = classifyOffline([paper]);
    const d = describePaper(paper, annotation!, paperLabel(paper));
    expect(d?.text).toBe('*A Comprehensive Benchmark of Long Context Approaches* evaluates ten approaches across seven categories of long context tasks [@paper1].');
  });

  it('makes every verb of the authors agree with the paper as subject', () => {
    const label = { text: 'RotateKV', full: 'RotateKV', plural: false, isName: true };
    expect(aboutPaper('We explore rotation for 2-bit quantization and propose a calibration step.', label)).toBe(
      'RotateKV explores rotation for 2-bit quantization and proposes a calibration step.',
    );
    expect(aboutPaper('We analyze attention patterns and then empirically reveal a recurrence.', label)).toBe(
      'RotateKV analyzes attention patterns and then empirically reveals a recurrence.',
    );
  });
});

describe('figures keep the metric of their own sentence', () => {
  const item = (n: number, name: string, abstract: string): SectionPaper => {
    const paper = makePaper(n, `${name}: A Method`, abstract);
    return { paper, annotation: classifyOffline([paper])[0]!, label: paperLabel(paper) };
  };

  it('never reports an acceptance rate or a share of tokens as a throughput', () => {
    const items = [
      item(1, 'QuantSpec', 'Decoding is slow. We propose QuantSpec. QuantSpec maintains high acceptance rates (>90%) and improves throughput, outperforming other self-speculative decoding methods.'),
      item(2, 'HeavyKV', 'Caches are large. We propose HeavyKV. Our implementation with 20% heavy hitters improves the throughput over three leading inference systems by up to 29 times.'),
      item(3, 'GEARX', 'Caches are large. We propose GEARX. Experiments show GEARX achieves up to 2.38x throughput improvement over FlexGen.'),
      item(4, 'PyraX', 'Caches are large. We propose PyraX. Experiments show PyraX improves 2.2x throughput compared to Accelerate.'),
    ];
    const text = metricComparisons(items).join(' ');
    expect(text).toContain('On throughput, GEARX reports "up to 2.38x throughput improvement over FlexGen" [@paper3]; PyraX reports "2.2x throughput compared to Accelerate" [@paper4].');
    expect(text).not.toMatch(/90%|20%/);
  });
});

describe('open problems', () => {
  const problem = (abstract: string) => {
    const paper = makePaper(1, 'X', abstract);
    return openProblemOf(paper, paperLabel(paper))?.sentence ?? null;
  };

  it('takes a stated limitation or direction', () => {
    expect(problem('We propose X. Extending the hardness result to Gaussian kernels remains an open problem.')).toBe(
      'Extending the hardness result to Gaussian kernels remains an open problem.',
    );
  });

  it('does not take praise of the paper that mentions future research', () => {
    expect(problem('We propose X. These findings provide a stronger foundation for future research.')).toBeNull();
    expect(problem('We propose X. We believe that these contributions enable future research on coresets.')).toBeNull();
  });
});
