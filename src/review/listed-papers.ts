import type { Paper } from '../corpus/paper.js';
import type { CategorySpec, ListedPapers } from './engine.js';

/**
 * Where a taxonomy file (`--taxonomy FILE`) puts papers: the index of the category (or subcategory) that
 * lists each paper of `papers` by id (`paperIds`) or by key (`paperKeys`). A category's own lists and those
 * of its subcategories count for it. A paper listed in more than one place goes where the listing is most
 * deliberate: a key (what a person reads and moves) before an id, a subcategory before its category, then
 * the first in the file. Ids or keys of papers not in `papers` are ignored; unlisted papers are absent.
 */
export function listedPlacement(papers: readonly Paper[], categories: readonly CategorySpec[]): Map<string, number> {
  const byId = new Set(papers.map((p) => p.id));
  const byKey = new Map(papers.map((p) => [p.key, p.id]));
  const best = new Map<string, { index: number; rank: number }>();
  const offer = (paperId: string | undefined, index: number, rank: number) => {
    if (paperId === undefined || !byId.has(paperId)) return;
    const held = best.get(paperId);
    if (!held || rank > held.rank) best.set(paperId, { index, rank });
  };
  const read = (list: ListedPapers, index: number, inSub: boolean) => {
    for (const id of list.paperIds ?? []) offer(id, index, inSub ? 2 : 1);
    for (const key of list.paperKeys ?? []) if (key !== null) offer(byKey.get(key), index, inSub ? 4 : 3);
  };
  categories.forEach((c, index) => {
    read(c, index, false);
    for (const s of c.subcategories ?? []) read(s, index, true);
  });
  return new Map([...best].map(([id, { index }]) => [id, index]));
}
