import { describe, expect, it } from 'vitest';
import { decideContributionType } from '../../src/offline/contribution-type.js';

/** Invented abstracts, one per contribution type, written the way each kind of paper talks. */
const CASES: [string, string, string][] = [
  ['method', 'Sparse Routing for Faster Decoding',
    'Decoding is slow for long inputs. We propose SparseRoute, a novel routing algorithm that skips redundant attention heads. Experiments on three benchmarks show that SparseRoute outperforms strong baselines by 12% while halving latency.'],
  ['system', 'Tessera: Serving Many Adapters on One GPU',
    'Serving thousands of fine-tuned adapters wastes memory. We present Tessera, a serving system that batches requests across adapters and pages their weights. Implemented on A100 GPUs, Tessera improves throughput by 3.1x over existing serving engines.'],
  ['benchmark-or-dataset', 'ChartQA-Pro: A Benchmark for Chart Reasoning',
    'Models are rarely tested on complex charts. We introduce ChartQA-Pro, a new benchmark of 9,000 questions over real-world charts, annotated by experts. We evaluate 12 models and find that all of them fall far behind humans.'],
  ['survey', 'Retrieval-Augmented Generation: A Survey',
    'Retrieval-augmented generation has grown quickly. This survey reviews more than 200 papers and organises them into a taxonomy of retrievers, generators and training schemes. We summarise open challenges.'],
  ['theory', 'Tight Regret Bounds for Delayed Bandits',
    'We study bandits whose feedback arrives late. We prove a lower bound on the regret of any algorithm and give an algorithm whose regret matches it up to logarithmic factors. Our analysis yields the first minimax optimal guarantee for this setting.'],
  ['empirical-study', 'Do Code Models Memorise Their Tests? An Empirical Study',
    'Benchmarks for code models may leak into training data. We investigate how often twelve code models reproduce test solutions verbatim, across four benchmarks. We find that leakage inflates reported accuracy, and our results suggest that newer benchmarks are affected less.'],
  ['position', 'Position: Evaluation Should Report Uncertainty',
    'Leaderboards rank models by single numbers. We argue that this practice misleads the field, and we call for every evaluation to report confidence intervals. We advocate simple changes that reviewers can ask for.'],
];

describe('decideContributionType on invented abstracts', () => {
  for (const [type, title, abstract] of CASES) {
    it(`reads a ${type} paper as a ${type}, with its reasons`, () => {
      const d = decideContributionType(title, abstract);
      expect(d.type).toBe(type);
      expect(d.evidence.length).toBeGreaterThan(0);
      if (type !== 'method') expect(d.evidence[0]!.startsWith(`${type}:`) || d.evidence.some((e) => e.startsWith(`${type}:`))).toBe(true);
    });
  }

  it('takes "Towards" in a title as a weak cue only: a paper that proposes a method is still a method', () => {
    const d = decideContributionType('Towards Faster Attention', 'We propose FlashMix, a new attention kernel scheme. FlashMix outperforms prior kernels by 2x over FlashAttention.');
    expect(d.type).toBe('method');
  });

  it('does not take a paper that argues its design and then builds it for a position paper', () => {
    const d = decideContributionType('Predicting Output Length for Higher Throughput',
      'Generation wastes memory when the output length is unknown. We argue that knowing the output length in advance can fix this. To this end, we propose S^3, which predicts the output length and schedules queries accordingly. S^3 achieves 6.49x throughput over systems that assume the worst case.');
    expect(d.type).not.toBe('position');
  });

  it('does not read "time complexity" in a method abstract as a theoretical contribution', () => {
    const d = decideContributionType('Fast Retrieval Attention',
      'Attention over long inputs is slow. This paper proposes RetrievalMix, a training-free approach that retrieves relevant keys, achieving a sub-linear time complexity. RetrievalMix reduces latency by 4x compared to full attention.');
    expect(d.type).toBe('method');
  });

  it('takes no cue from what a paper says it does not do', () => {
    const d = decideContributionType('Ten Lessons for Sparse Network Researchers',
      'This article does not propose any novel algorithm or new hardware for sparsity. Instead, we argue that the community should agree on common definitions.');
    expect(d.evidence.join(' ')).not.toMatch(/builds a system|proposes a method/);
    expect(d.type).toBe('position');
  });

  it('reads the study of a problem with proof vocabulary as theory', () => {
    const d = decideContributionType('Clustering Edge-Colored Hypergraphs',
      'We study the approximability of clustering edge-colored hypergraphs. We present improved approximation guarantees based on linear programming and show they are tight by proving a matching integrality gap, with new hardness results.');
    expect(d.type).toBe('theory');
  });

  it('falls back to method with the reason recorded when no cue is found', () => {
    expect(decideContributionType('', 'Something happens here.')).toEqual({ type: 'method', evidence: ['method: no cue found, the default'] });
  });
});
