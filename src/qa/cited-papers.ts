import type { Paper } from '../corpus/paper.js';
import { citedKeys } from '../verify/citation-keys.js';
import type { Citation } from './types.js';

/** The papers an answer cites, in order of first citation, each once; unknown keys are skipped. */
export function citedPapers(answer: string, papers: readonly Paper[]): Citation[] {
  const byKey = new Map(papers.map((p) => [p.key, p]));
  const seen = new Set<string>();
  const out: Citation[] = [];
  for (const key of citedKeys(answer)) {
    const paper = byKey.get(key);
    if (!paper || seen.has(key)) continue;
    seen.add(key);
    out.push({ key, title: paper.title });
  }
  return out;
}
