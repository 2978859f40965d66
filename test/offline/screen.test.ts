import { describe, expect, it } from 'vitest';
import { screenOffline } from '../../src/offline/screen.js';
import { load001 } from './helpers/example-corpus.js';

describe('screenOffline', () => {
  const papers = load001();
  const decisions = screenOffline(papers, 'KV cache quantization');

  it('decides for every paper, with a reason naming the matched words', () => {
    expect(decisions.size).toBe(papers.length);
    const kivi = papers.find((p) => p.title.startsWith('KIVI'))!;
    expect(decisions.get(kivi.id)).toMatchObject({ relevant: true });
    expect(decisions.get(kivi.id)!.reason).toMatch(/matches kv, cache, quantization/);
  });

  it('leaves out papers on other topics, saying what they lack', () => {
    const other = papers.find((p) => /Rubik/.test(p.title))!;
    expect(decisions.get(other.id)!.relevant).toBe(false);
    expect(decisions.get(other.id)!.reason).toMatch(/no topic word|lacks/);
    const relevant = [...decisions.values()].filter((d) => d.relevant).length;
    expect(relevant).toBeGreaterThan(5);
    expect(relevant).toBeLessThan(papers.length / 2);
  });
});
