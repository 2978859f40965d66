import type { Paper } from '../../corpus/paper.js';
import type { Annotation } from '../../review/annotation.js';
import { display, headWords, nameable, surfaceMap } from '../category-names.js';
import { titleDescription } from '../paper-name.js';
import { candidatePhrases } from '../text/phrases.js';
import { capitalize } from './prose.js';

/** A group of papers inside a category that share a key phrase (label null: the rest). */
export interface Theme {
  label: string | null;
  papers: Paper[];
}

const MAX_THEMES = 5;

function paperPhrases(paper: Paper, annotation: Annotation | undefined): Set<string> {
  const title = paper.titleDerived ? '' : titleDescription(paper.title);
  const family = annotation?.methodFamily ?? '';
  return new Set([...candidatePhrases(title, 3), ...candidatePhrases(family, 3)].map((p) => p.key));
}

/**
 * Split a category's papers into themes: greedily, the key phrase (from titles and method families)
 * shared by the most papers not yet placed, as long as it covers two or more and not most of the
 * category. Papers left over form a last theme with no label.
 */
export function themesOf(papers: readonly Paper[], annotations: ReadonlyMap<string, Annotation>, categoryName = ''): Theme[] {
  const categoryWords = new Set(candidatePhrases(categoryName, 1).flatMap((p) => p.key.split(' ')));
  const inCategoryName = (k: string): boolean => k.split(' ').every((w) => categoryWords.has(w));
  if (papers.length <= 4) return [{ label: null, papers: [...papers] }];
  const phrases = papers.map((p) => paperPhrases(p, annotations.get(p.id)));
  const texts = papers.map((p) => `${p.titleDerived ? '' : titleDescription(p.title)}\n${annotations.get(p.id)?.methodFamily ?? ''}`);
  const heads = headWords([...texts, ...papers.map((p) => p.abstract)]);
  const surfaces = surfaceMap([...texts, ...papers.map((p) => p.abstract)]);
  const maxShare = Math.max(2, Math.floor(papers.length * 0.6));
  const placed = new Set<number>();
  const themes: Theme[] = [];
  const usedWords = new Set<string>();
  const repeats = (k: string): boolean => !k.includes(' ') && usedWords.has(k);
  while (themes.length < MAX_THEMES) {
    const counts = new Map<string, number[]>();
    phrases.forEach((set, i) => {
      if (placed.has(i)) return;
      for (const k of set) counts.set(k, [...(counts.get(k) ?? []), i]);
    });
    const best = [...counts]
      .filter(([k, members]) => members.length >= 2 && members.length <= maxShare && nameable(k, heads) && !inCategoryName(k) && !repeats(k))
      .map(([k, members]) => ({ k, members, score: members.length * (1 + 0.25 * (k.split(' ').length - 1)) }))
      .sort((a, b) => b.score - a.score || (a.k < b.k ? -1 : a.k > b.k ? 1 : 0))[0];
    if (!best) break;
    best.members.forEach((i) => placed.add(i));
    best.k.split(' ').forEach((w) => usedWords.add(w));
    themes.push({ label: capitalize(display(best.k, surfaces)), papers: best.members.map((i) => papers[i]!) });
  }
  const rest = papers.filter((_, i) => !placed.has(i));
  if (rest.length > 0) themes.push({ label: null, papers: rest });
  return themes;
}
