import type { RunPaper, RunRecord, RunTaxonomy } from './run-record.js';

/** A paper's primary category: `label` identifies it within its run, `name` is shown to people. */
export interface PaperCategory {
  label: string;
  name: string;
}

/** Label of an annotated paper that no category holds. */
export const UNCATEGORISED = '(uncategorised)';

/** Whether the run annotated the paper (failed papers carry no classification). */
export function isAnnotated(paper: RunPaper): boolean {
  return paper.status === 'ok';
}

/**
 * The primary category of every annotated paper of a run, by paper id. The paper's own
 * `categoryId` or `category` name is used first (mapped onto taxonomy.json when it names one of
 * its categories, so ids and names never mix); otherwise the first taxonomy category listing the
 * paper; otherwise UNCATEGORISED.
 */
export function primaryCategories(run: RunRecord): Map<string, PaperCategory> {
  const index = taxonomyIndex(run.taxonomy);
  const out = new Map<string, PaperCategory>();
  for (const paper of run.papers) {
    if (!isAnnotated(paper)) continue;
    out.set(paper.id, categoryOf(paper, index));
  }
  return out;
}

interface TaxonomyIndex {
  byId: Map<string, PaperCategory>;
  byName: Map<string, PaperCategory>;
  byPaper: Map<string, PaperCategory>;
}

function taxonomyIndex(taxonomy: RunTaxonomy | null): TaxonomyIndex {
  const index: TaxonomyIndex = { byId: new Map(), byName: new Map(), byPaper: new Map() };
  for (const c of taxonomy?.categories ?? []) {
    const category = { label: c.id, name: c.name };
    if (!index.byId.has(c.id)) index.byId.set(c.id, category);
    if (!index.byName.has(c.name)) index.byName.set(c.name, category);
    for (const id of c.paperIds) if (!index.byPaper.has(id)) index.byPaper.set(id, category);
  }
  return index;
}

function categoryOf(paper: RunPaper, index: TaxonomyIndex): PaperCategory {
  if (paper.categoryId !== null) {
    const known = index.byId.get(paper.categoryId);
    if (known) return known;
  }
  if (paper.category !== null) {
    return index.byName.get(paper.category) ?? { label: paper.categoryId ?? paper.category, name: paper.category };
  }
  if (paper.categoryId !== null) return { label: paper.categoryId, name: paper.categoryId };
  return index.byPaper.get(paper.id) ?? index.byPaper.get(paper.key) ?? { label: UNCATEGORISED, name: UNCATEGORISED };
}
