import { describe, expect, it } from 'vitest';
import type { ChatMessage, EndpointLimits, ModelGateway } from '../../src/model/types.js';
import { fitSources } from '../../src/qa/fit-sources.js';
import type { Hit } from '../../src/retrieval/types.js';
import { makePaper } from '../retrieval/make-paper.js';

/** One token per character, and a window as given: the trimming arithmetic is exact. */
function counter(contextWindow: number | null): ModelGateway {
  const limits: EndpointLimits = { contextWindow, contextSource: contextWindow === null ? null : 'config', maxOutputTokens: null, outputSource: null };
  return { limits: () => limits, countTokens: (m: ChatMessage[]) => m.reduce((n, x) => n + x.content.length, 0) } as unknown as ModelGateway;
}
const hit = (key: string, abstract: string) => ({ paper: makePaper(key, `Title ${key}`, abstract), score: 1 }) as unknown as Hit;
const render = (hits: Hit[]): ChatMessage[] => [{ role: 'user', content: hits.map((h) => `${h.paper.key}: ${h.paper.abstract}\n`).join('') }];

describe('fitSources', () => {
  const hits = ['a', 'b', 'c', 'd'].map((k) => hit(k, 'word '.repeat(100).trim()));

  it('keeps every source while the window is unknown', () => {
    const f = fitSources(counter(null), hits, render);
    expect(f.sources).toHaveLength(4);
    expect(f).toMatchObject({ dropped: 0, cut: false });
  });

  it('drops the lowest-ranked sources until the prompt fits the room left for the answer', () => {
    // Window 2,000: 700 for the answer, 100 margin, 1,200 for the prompt; each source takes 503.
    const f = fitSources(counter(2000), hits, render);
    expect(f.sources.map((h) => h.paper.key)).toEqual(['a', 'b']);
    expect(f).toMatchObject({ dropped: 2, cut: false });
  });

  it('cuts the best source short when even it alone does not fit', () => {
    const f = fitSources(counter(600), hits, render);
    expect(f.sources.map((h) => h.paper.key)).toEqual(['a']);
    expect(f.cut).toBe(true);
    expect(f.sources[0]!.paper.abstract.endsWith(' …')).toBe(true);
    expect(render(f.sources)[0]!.content.length).toBeLessThanOrEqual(600 - 300 - 32);
  });
});
