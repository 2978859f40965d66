import type { Paper } from '../../corpus/paper.js';
import { cutToFit } from './cut-to-fit.js';

/** A paper whose abstract is cut short so that its prompt block takes at most `maxTokens`. */
export function shrinkPaper(paper: Paper, maxTokens: number, tokensOf: (p: Paper) => number): Paper | null {
  const abstract = cutToFit(paper.abstract, maxTokens, (a) => tokensOf({ ...paper, abstract: a }));
  return abstract === null || abstract === paper.abstract ? null : { ...paper, abstract };
}
