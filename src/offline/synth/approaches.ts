import { display, headWords, nameable, surfaceMap } from '../category-names.js';
import { titleDescription } from '../paper-name.js';
import { candidatePhrases } from '../text/phrases.js';
import type { SectionPaper } from './section-paper.js';
import { capitalize } from './prose.js';

/** Papers of a group that take one approach, named by the phrase they share. */
export interface Approach {
  label: string;
  /** Papers holding the phrase first, then papers that joined for the terms they share with them. */
  items: SectionPaper[];
  /** What sets each paper apart inside the approach: a phrase no other member holds (by paper id). */
  distinct: Map<string, string>;
}

const MAX_APPROACHES = 8;
/** Words that qualify any phrase of this field without naming an approach (stems). */
const GENERIC = new Set(['llm', 'large', 'language', 'model', 'neural', 'network', 'deep', 'learning']);
/** Content terms two papers must share, beyond the group's name, for one to join the other's approach. */
const JOIN_MIN_SHARED = 1;

/** Where a paper's approach is written: its title, method family and method summary (one a line). */
function approachText(item: SectionPaper): string {
  const title = item.paper.titleDerived ? '' : titleDescription(item.paper.title);
  return [title, item.annotation.methodFamily, item.annotation.methodSummary].join('\n');
}

function phraseKeys(text: string, maxWords: number): Set<string> {
  return new Set(text.split('\n').flatMap((line) => candidatePhrases(line, maxWords).map((p) => p.key)));
}

const byTitle = (a: SectionPaper, b: SectionPaper): number => {
  const x = a.paper.title.toLowerCase();
  const y = b.paper.title.toLowerCase();
  return x < y ? -1 : x > y ? 1 : a.paper.id < b.paper.id ? -1 : 1;
};

/**
 * Group a section's papers by approach: greedily, the key phrase (of titles, method families and
 * method summaries) shared by the most papers not yet placed, as long as two or more and not most of
 * the group hold it and it is no word of the group's own name. A paper left over joins the approach
 * whose papers share the most content terms with it (two or more); papers that share too little with
 * any approach stay in `rest`, to be summarised by what they share. Deterministic (ties by phrase).
 */
export function approachesOf(items: readonly SectionPaper[], groupName: string, categoryName = groupName): { approaches: Approach[]; rest: SectionPaper[] } {
  const sorted = [...items].sort(byTitle);
  if (sorted.length < 3) return { approaches: [], rest: sorted };
  const texts = sorted.map(approachText);
  const nameWords = new Set(candidatePhrases(`${groupName}\n${categoryName}`, 1).map((p) => p.key));
  // "LLM KV cache" in a KV cache category names nothing new: generic model words aside, it is the group's name.
  const restatesName = (k: string): boolean => k.split(' ').filter((w) => !GENERIC.has(w)).every((w) => nameWords.has(w));
  const heads = headWords([...texts, ...sorted.map((i) => i.paper.abstract)]);
  // A single word names an approach only when it is a noun a title uses too (a summary's verbs name nothing).
  const phrases = texts.map((t) => phraseKeys(t, 3));
  const titleWords = sorted.map((i) => phraseKeys(i.paper.titleDerived ? '' : i.paper.title, 1));
  const inTitles = (k: string): number => titleWords.filter((w) => w.has(k)).length;
  const terms = texts.map((t) => new Set([...phraseKeys(t, 1)].filter((k) => !nameWords.has(k) && nameable(k, heads))));
  const surfaces = surfaceMap([...texts, ...sorted.map((i) => i.paper.abstract)]);
  const maxShare = Math.max(2, Math.floor(sorted.length * 0.6));
  const placed = new Map<number, number>();
  const groups: { key: string; members: number[] }[] = [];
  const usedWords = new Set<string>();
  // First phrases and title words; then, for what is left, any noun the papers' texts share.
  // First phrases of titles, method families and summaries (and title words); then, for the papers
  // left, phrases of two words or more their abstracts share.
  const strict = (k: string): boolean => k.includes(' ') || (!usedWords.has(k) && inTitles(k) >= 1);
  const abstractPhrases = sorted.map((i) => new Set([...phraseKeys(i.paper.abstract, 3)].filter((k) => k.includes(' '))));
  for (const pass of [0, 1]) while (groups.length < MAX_APPROACHES) {
    const holders = new Map<string, number[]>();
    (pass === 0 ? phrases : abstractPhrases).forEach((set, i) => {
      if (!placed.has(i)) for (const k of set) holders.set(k, [...(holders.get(k) ?? []), i]);
    });
    const best = [...holders]
      .filter(([k, m]) => m.length >= 2 && m.length <= maxShare && nameable(k, heads) && !restatesName(k))
      .filter(([k]) => strict(k))
      .map(([k, m]) => ({ k, m, score: m.length * (1 + 0.25 * (k.split(' ').length - 1)) }))
      .sort((a, b) => b.score - a.score || (a.k < b.k ? -1 : a.k > b.k ? 1 : 0))[0];
    if (!best) break;
    best.m.forEach((i) => placed.set(i, groups.length));
    best.k.split(' ').forEach((w) => usedWords.add(w));
    groups.push({ key: best.k, members: best.m });
  }
  // Papers left over join the approach they share most terms with.
  const rest: number[] = [];
  sorted.forEach((_, i) => {
    if (placed.has(i)) return;
    let bestGroup = -1;
    let bestShared = JOIN_MIN_SHARED - 1;
    groups.forEach((g, gi) => {
      const shared = Math.max(...g.members.map((m) => [...terms[i]!].filter((t) => terms[m]!.has(t)).length));
      if (shared > bestShared) [bestGroup, bestShared] = [gi, shared];
    });
    if (bestGroup >= 0) groups[bestGroup]!.members.push(i);
    else rest.push(i);
  });
  // What sets a paper apart is read from its title and method family only (a summary's phrases run into verbs).
  const named = texts.map((t) => phraseKeys(t.split('\n').slice(0, 2).join('\n'), 3));
  const approaches = groups.map((g) => {
    const distinct = new Map<string, string>();
    for (const i of g.members) {
      const others = new Set(g.members.filter((m) => m !== i).flatMap((m) => [...phrases[m]!]));
      const own = [...named[i]!]
        .filter((k) => k.includes(' ') && !others.has(k) && k !== g.key && nameable(k, heads) && surfaces.has(k))
        .sort((a, b) => b.split(' ').length - a.split(' ').length || (a < b ? -1 : 1))[0];
      if (own) distinct.set(sorted[i]!.paper.id, display(own, surfaces));
    }
    return { label: capitalize(display(g.key, surfaces)), items: g.members.map((i) => sorted[i]!), distinct };
  });
  return { approaches, rest: rest.map((i) => sorted[i]!) };
}
