import { createHash } from 'node:crypto';
import type { Paper } from './paper.js';

/** sha256 (hex) over the papers' ids, titles and abstracts in id order: the corpus identity a run records. */
export function corpusHash(papers: readonly Paper[]): string {
  const hash = createHash('sha256');
  const sorted = [...papers].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const p of sorted) hash.update(`${p.id}\u0000${p.title}\u0000${p.abstract}\u0001`);
  return hash.digest('hex');
}
