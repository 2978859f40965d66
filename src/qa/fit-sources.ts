import type { ChatMessage, ModelGateway } from '../model/types.js';
import { promptRoom } from '../prompts/context-budget.js';
import type { Hit } from '../retrieval/types.js';

/** Completion tokens an answer is expected to take. */
const ANSWER_OUTPUT = 700;

export interface FittedSources {
  sources: Hit[];
  messages: ChatMessage[];
  /** Sources left out (lowest-ranked first out) and whether the last one's abstract was cut. */
  dropped: number;
  cut: boolean;
}

/**
 * The answer prompt with as many of the top-ranked sources as fit the model's context window
 * (all of them while the window is unknown). The best source is always kept; when even it alone
 * does not fit, its abstract is cut short.
 */
export function fitSources(gateway: ModelGateway, sources: readonly Hit[], render: (sources: Hit[]) => ChatMessage[]): FittedSources {
  const room = promptRoom(gateway.limits(), ANSWER_OUTPUT);
  let kept = [...sources];
  const fits = (hits: Hit[]) => room === Number.POSITIVE_INFINITY || gateway.countTokens(render(hits)) <= room;
  while (kept.length > 1 && !fits(kept)) kept = kept.slice(0, -1);
  let cut = false;
  if (kept.length === 1 && !fits(kept)) {
    const hit = kept[0]!;
    const words = hit.paper.abstract.split(/\s+/);
    let lo = 0;
    let hi = words.length;
    const withWords = (n: number): Hit => ({ ...hit, paper: { ...hit.paper, abstract: `${words.slice(0, n).join(' ')} …` } });
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (fits([withWords(mid)])) lo = mid;
      else hi = mid - 1;
    }
    kept = [withWords(lo)];
    cut = true;
  }
  return { sources: kept, messages: render(kept), dropped: sources.length - kept.length, cut };
}
