import type { Paper } from '../corpus/paper.js';
import type { RunPaper } from '../runs/run-record.js';
import type { LabelItem, LabelSuggestion } from './label-item.js';

function suggestionOf(p: RunPaper): LabelSuggestion {
  return {
    included: p.status !== 'excluded',
    status: p.status,
    category: p.category,
    contributionType: p.contributionType,
    unclear: p.screening?.unclear ?? 0,
    excludedBy: p.screening?.excludedBy ?? [],
  };
}

/**
 * The papers to label: the corpus's papers, with a run's decision beside each when a run is given
 * (then only the papers that run saw, when it saw any of them).
 */
export function labelItems(papers: readonly Paper[], runPapers: readonly RunPaper[] | null): LabelItem[] {
  const byId = new Map((runPapers ?? []).map((p) => [p.id, p]));
  const seen = runPapers ? papers.filter((p) => byId.has(p.id)) : [];
  const chosen = seen.length > 0 ? seen : papers;
  return chosen.map((p) => {
    const r = byId.get(p.id);
    return {
      id: p.id,
      key: p.key,
      title: p.title,
      authors: p.authors,
      year: p.year ?? null,
      abstract: p.abstract,
      suggestion: r ? suggestionOf(r) : null,
    };
  });
}
