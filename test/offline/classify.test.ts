import { describe, expect, it } from 'vitest';
import { classifyOffline } from '../../src/offline/classify.js';
import { isVerbatim } from '../../src/verify/quotes.js';
import { load001, makePaper } from './helpers/example-corpus.js';

const fairkv = makePaper(
  1,
  'FairKV: Balancing Per-Head KV Cache for Fast Multi-GPU Inference',
  'KV cache techniques in Transformer models aim to reduce redundant computations at the expense of substantially increased memory usage. However, we observe that imbalanced compression leads to significant load imbalance when deploying multi-GPU inference. In this paper, we propose FairKV, a method designed to ensure fair memory usage among attention heads in systems employing imbalanced KV cache compression. Our experiments on popular models, including LLaMA 70b and Mistral 24b model, demonstrate that FairKV increases throughput by 1.66x compared to standard tensor parallelism inference. Our code will be released as open source upon acceptance.',
);
const survey = makePaper(
  2,
  'A Survey on Efficient Inference for Large Language Models',
  'Large language models are costly to serve. In this survey, we review techniques for efficient inference and organise them into a taxonomy of data-level, model-level and system-level optimisations. We summarise open problems and future directions.',
);
const bench = makePaper(
  3,
  'SciBench: Evaluating College-Level Scientific Problem Solving',
  'Existing benchmarks overlook scientific reasoning. We introduce SciBench, a benchmark of 869 college-level problems collected from textbooks. The best model scores only 43.2% on SciBench, far below human experts.',
);
const theory = makePaper(
  4,
  'Lower Bounds for Learning Halfspaces',
  'We study the sample complexity of agnostically learning halfspaces. We prove a lower bound showing that no polynomial-time algorithm achieves error below the optimum plus epsilon, and we establish that the problem is NP-hard under standard assumptions.',
);
const position = makePaper(
  5,
  'Position: Benchmarks Should Report Energy',
  'This position paper argues that machine learning evaluations neglect energy. We argue that every benchmark should report the energy its evaluation consumes, and we call for a shared protocol.',
);
const study = makePaper(
  6,
  'Does Quantization Hurt Reasoning? An Empirical Study',
  'Quantization reduces the cost of serving reasoning models. We conduct a systematic study of quantized reasoning models on GSM8K and MATH with Qwen2.5-7B and Llama-3.1-8B-Instruct. We find that 4-bit weight quantization loses less than 1% accuracy, while 3-bit quantization degrades accuracy by up to 12%.',
);

describe('classifyOffline', () => {
  const papers = [fairkv, survey, bench, theory, position, study];
  const annotations = classifyOffline(papers);

  it('annotates every paper once, in order, with status ok', () => {
    expect(annotations.map((a) => [a.paperId, a.status])).toEqual(papers.map((p) => [p.id, 'ok']));
  });

  it('reads the contribution type from cue phrases', () => {
    expect(annotations.map((a) => a.contributionType)).toEqual(['method', 'survey', 'benchmark-or-dataset', 'theory', 'position', 'empirical-study']);
  });

  it('picks the problem and the method sentences verbatim', () => {
    const a = annotations[0]!;
    expect(a.problem).toBe('However, we observe that imbalanced compression leads to significant load imbalance when deploying multi-GPU inference.');
    expect(a.methodSummary).toBe('In this paper, we propose FairKV, a method designed to ensure fair memory usage among attention heads in systems employing imbalanced KV cache compression.');
    expect(a.methodFamily).toMatch(/KV cache/);
  });

  it('extracts result sentences as claims with metric, value and baseline', () => {
    const [claim] = annotations[0]!.claims;
    expect(annotations[0]!.claims).toHaveLength(1);
    expect(claim).toMatchObject({
      quote: 'Our experiments on popular models, including LLaMA 70b and Mistral 24b model, demonstrate that FairKV increases throughput by 1.66x compared to standard tensor parallelism inference.',
      quantitative: true,
      metric: 'throughput',
      value: '1.66x',
      baseline: 'standard tensor parallelism inference',
    });
    const study = annotations[5]!;
    expect(study.claims.map((c) => c.value)).toEqual(['1%']);
  });

  it('finds tasks, datasets and models, never the paper itself', () => {
    expect(annotations[0]!.models).toEqual(['LLaMA 70b', 'Mistral 24b']);
    expect(annotations[5]!.datasets).toEqual(['GSM8K', 'MATH']);
    expect(annotations[5]!.models).toEqual(['Qwen2.5-7B', 'Llama-3.1-8B-Instruct']);
    expect(annotations[2]!.models).not.toContain('SciBench');
  });

  it('annotates the ~183 papers of examples/corpus/001 with verbatim quotes, deterministically', () => {
    const corpus = load001();
    const first = classifyOffline(corpus);
    expect(first).toHaveLength(corpus.length);
    expect(corpus.length).toBeGreaterThan(150);
    expect(first.every((a, i) => a.paperId === corpus[i]!.id && a.status === 'ok' && a.contributionType !== null)).toBe(true);
    for (const [i, a] of first.entries()) for (const c of a.claims) expect(isVerbatim(c.quote, corpus[i]!.abstract)).toBe(true);
    expect(first.filter((a) => a.methodSummary.length > 0).length).toBe(corpus.length);
    expect(JSON.stringify(classifyOffline(corpus))).toBe(JSON.stringify(first));
  });
});
