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

  it('sets no paper aside: papers on other topics are kept, not judged offline, saying what they lack', () => {
    const other = papers.find((p) => /Rubik/.test(p.title))!;
    expect(decisions.get(other.id)).toMatchObject({ relevant: true, judged: false });
    expect(decisions.get(other.id)!.reason).toMatch(/^not judged offline: .*(no topic word|lacks)/);
    expect([...decisions.values()].every((d) => d.relevant)).toBe(true);
    const judged = [...decisions.values()].filter((d) => d.judged).length;
    expect(judged).toBeGreaterThan(5);
    expect(judged).toBeLessThan(papers.length / 2);
  });

  it('ranks every paper by its match to the topic, the judged ones first', () => {
    const ranks = [...decisions.values()].map((d) => d.rank).sort((a, b) => a - b);
    expect(ranks).toEqual(papers.map((_, i) => i + 1));
    const kivi = papers.find((p) => p.title.startsWith('KIVI'))!;
    const worstJudged = Math.max(...[...decisions.values()].filter((d) => d.judged).map((d) => d.rank));
    const bestUnjudged = Math.min(...[...decisions.values()].filter((d) => !d.judged).map((d) => d.rank));
    expect(decisions.get(kivi.id)!.rank).toBeLessThanOrEqual(worstJudged);
    expect(worstJudged).toBeLessThan(bestUnjudged);
  });
});
