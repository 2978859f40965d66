import { describe, expect, it } from 'vitest';
import { claimFields, hasQuantity } from '../../src/offline/claim-fields.js';
import { extractEntities } from '../../src/offline/entities.js';

describe('claimFields', () => {
  it('reads metric, value and baseline around the value', () => {
    expect(claimFields('We show that Quest can achieve up to 2.23x self-attention speedup, which reduces inference latency by 7.03x.')).toEqual({
      metric: 'self-attention speedup', value: 'up to 2.23x', baseline: null, span: 'up to 2.23x self-attention speedup',
    });
    expect(claimFields('LLM-Sketch outperforms state-of-the-art methods by achieving a $7.5\\times$ accuracy improvement.')).toMatchObject({
      metric: 'accuracy', value: '7.5×', baseline: 'state-of-the-art methods',
    });
    expect(claimFields('Our approach reduces MSE by 4%, 6%, and 5% compared to the previous SOTA iTransformer.')).toMatchObject({
      metric: 'MSE', value: '4%, 6%, and 5%', baseline: 'previous SOTA iTransformer',
    });
    expect(claimFields('DistServe can serve 4.48x more requests compared to state-of-the-art systems.')).toMatchObject({ metric: 'requests', value: '4.48x' });
  });

  it('keeps a figure with the metric of its own phrase, never one found elsewhere in the sentence', () => {
    const h2o = claimFields('Our implementation with 20% heavy hitters improves the throughput over three leading inference systems by up to 29 times.');
    expect(h2o.span).toBeNull();
    const spec = claimFields('QuantSpec maintains high acceptance rates (>90%) and provides speedups, outperforming other self-speculative decoding methods.');
    expect(spec.metric).toBe('high acceptance rates');
    expect(spec.span).toBe('high acceptance rates (>90%)');
    expect(claimFields('FairKV increases throughput by 1.66x compared to standard tensor parallelism inference.').span).toBe(
      'increases throughput by 1.66x compared to standard tensor parallelism inference',
    );
  });

  it('reads the measure a change, a share, a rank or a margin is of, and never a fragment', () => {
    const metric = (s: string): string | null => claimFields(s).metric;
    expect(metric('Our method reaches a 0.38% drop in accuracy on the test set.')).toBe('accuracy drop');
    expect(metric('The scheme yields a 16% improvement in runtime over the baseline.')).toBe('runtime improvement');
    expect(metric('The model retains only 12% of the KV cache, thus saving memory.')).toBe('share of KV cache');
    expect(metric('The agent ranks in the top 38% of human competitors.')).toBe('rank (top share)');
    expect(metric('Our system outperforms state-of-the-art training frameworks by up to 1.98x.')).toBe('margin over the baseline');
    expect(metric('It reaches 82.1% top-1 accuracy on the validation set.')).toBe('top-1 accuracy');
    expect(metric('Different methods show performance drops of 17.4%-43.3%.')).toBe('performance drops');
    expect(metric('We improve accuracy in the range of 15%-50% across budgets.')).toBe('accuracy');
  });

  it('knows a quantity from a bare number', () => {
    expect(hasQuantity('It reaches 41.81\\% improvement.')).toBe(true);
    expect(hasQuantity('We use 3 layers.')).toBe(false);
  });
});

describe('extractEntities', () => {
  it('finds gazetteer names, listed datasets and model sizes with high precision', () => {
    const e = extractEntities(
      'KeepKV: x. We evaluate on the challenging Traffic, ECL, and Solar benchmarks and on LongBench with Llama-3.1-8B-Instruct and GPT-4o for question answering. KeepKV wins.',
      'KeepKV',
    );
    expect(e.datasets).toEqual(['LongBench', 'Traffic', 'ECL', 'Solar']);
    expect(e.models).toEqual(['Llama-3.1-8B-Instruct', 'GPT-4o']);
    expect(e.tasks).toEqual(['question answering']);
  });
});
