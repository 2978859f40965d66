import type { Paper } from '../../src/corpus/paper.js';

/** A minimal Paper for retrieval and answer tests. */
export function makePaper(key: string, title: string, abstract: string, extra: Partial<Paper> = {}): Paper {
  return {
    id: `id-${key}`,
    key,
    title,
    titleDerived: false,
    abstract,
    authors: [],
    sources: [{ path: 'test.txt', format: 'text', index: 0 }],
    ...extra,
  };
}

/** Six short abstracts on distinct topics, with overlapping vocabulary ("model", "training"). */
export const SMALL_CORPUS: Paper[] = [
  makePaper(
    'keepkv2025',
    'KeepKV: Eliminating Output Perturbation in KV Cache Compression',
    'Efficient inference of large language models is hindered by an ever-growing key-value (KV) cache. ' +
      'We propose KeepKV, an adaptive KV cache merging method that keeps attention consistent. ' +
      'KeepKV reduces memory usage and improves inference throughput by more than 2x with 10% KV cache budgets.',
  ),
  makePaper(
    'fairy2025',
    'Fairy: Complex-Valued 2-bit Quantization of Language Models',
    'Quantization-aware training lets large language models learn low-bit representations. ' +
      'We map weights to the fourth roots of unity, a 2-bit representation that allows multiplication-free inference. ' +
      'The quantized model outperforms existing 2-bit quantization approaches in perplexity.',
  ),
  makePaper(
    'faf2025',
    'FAF: Feature-Adaptive Few-Shot Time Series Forecasting',
    'Few-shot time series forecasting suffers from insufficient historical data. ' +
      'We propose a framework with a generalized knowledge module trained by meta-learning and a task-specific module. ' +
      'FAF achieves a 41.81% improvement over the best baseline on the CO2 emissions dataset.',
  ),
  makePaper(
    'scida2025',
    'SciDA: A Multidisciplinary Benchmark of Numerical Reasoning',
    'We propose SciDA, a benchmark of over 1k Olympic-level numerical computation problems with randomized initializations ' +
      'to avoid data contamination. The performance of language models drops significantly under random initialization.',
  ),
  makePaper(
    'llmsketch2025',
    'LLM-Sketch: Network Stream Mining with Language Models',
    'Sketches are compact data structures for network stream mining. LLM-Sketch separately records large and small flows ' +
      'and uses a fine-tuned model to estimate flow sizes, achieving a 7.5x accuracy improvement.',
  ),
  makePaper(
    'cosim2025',
    'CoSIM: Continuous Semi-Implicit Models',
    'Hierarchical semi-implicit models accelerate diffusion models but train slowly. ' +
      'CoSIM is a continuous semi-implicit model that enables simulation-free training for multistep distillation of image generation models.',
  ),
];
