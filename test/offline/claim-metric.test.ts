import { describe, expect, it } from 'vitest';
import { claimFields } from '../../src/offline/claim-fields.js';

describe('offline claim fields: a number only with the metric its sentence gives it', () => {
  it('does not attach a later metric word to an unrelated number (H2O: 20% is a share of tokens)', () => {
    const f = claimFields(
      'Our implementation of H_2O with 20% heavy hitters improves the throughput over three leading inference systems DeepSpeed Zero-Inference, Hugging Face Accelerate, and FlexGen by up to 29 times on OPT-6.7B.',
    );
    expect(f.metric === null || f.value !== '20%').toBe(true);
    expect(f).not.toMatchObject({ metric: 'throughput', value: '20%' });
  });

  it('still reads metrics stated with their numbers', () => {
    expect(claimFields('Our method improves throughput by 2.3x over vLLM.')).toMatchObject({ metric: 'throughput', value: '2.3x', baseline: 'vLLM' });
    expect(claimFields('It reaches 82.23% accuracy on GSM8K.')).toMatchObject({ metric: 'accuracy', value: '82.23%' });
  });
});
