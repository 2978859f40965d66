import { createHash } from 'node:crypto';
import type { Paper } from './paper.js';

/**
 * sha256 (hex) over the papers' ids, titles and abstracts in id order: the corpus identity a run records.
 * Each paper is the entry `id \0 title \0 abstract \1`; the entries are sorted as strings, which is id order
 * (ids are unique and hold no `\0`, the lowest code unit, so an id that is a prefix of another sorts first).
 */
export function corpusHash(papers: readonly Paper[]): string {
  const hash = createHash('sha256');
  for (const entry of papers.map((p) => `${p.id}\u0000${p.title}\u0000${p.abstract}\u0001`).sort()) hash.update(entry);
  return hash.digest('hex');
}
