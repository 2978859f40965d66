import { markdownInline } from '../../format/markdown-text.js';
import type { ContributionType } from '../../review/annotation.js';
import { display, headWords, nameable, surfaceMap } from '../category-names.js';
import { titleDescription } from '../paper-name.js';
import { candidatePhrases } from '../text/phrases.js';
import type { SectionPaper } from './section-paper.js';
import { supported } from './paper-sentences.js';
import { capitalize, cite, countWord, escapeInline, listJoin } from './prose.js';
import { TYPE_PHRASE } from './type-phrases.js';


const keys = (items: readonly SectionPaper[]): string => cite(...items.map((i) => i.paper.key));
const count = (n: number): string => (n <= 12 ? countWord(n) : 'many');

/** The phrase most of these papers' titles and method families share (two papers or more), with its holders. */
function sharedPhrase(items: readonly SectionPaper[], exclude: ReadonlySet<string>): { phrase: string; holders: SectionPaper[] } | null {
  const texts = items.map((i) => [i.paper.titleDerived ? '' : titleDescription(i.paper.title), i.annotation.methodFamily].join('\n'));
  const heads = headWords([...texts, ...items.map((i) => i.paper.abstract)]);
  const surfaces = surfaceMap(texts);
  const holders = new Map<string, number[]>();
  texts.forEach((t, i) => {
    for (const k of new Set(t.split('\n').flatMap((l) => candidatePhrases(l, 3).map((p) => p.key)))) holders.set(k, [...(holders.get(k) ?? []), i]);
  });
  const best = [...holders]
    .filter(([k, h]) => h.length >= 2 && nameable(k, heads) && !k.split(' ').every((w) => exclude.has(w)))
    .sort((a, b) => b[1].length - a[1].length || b[0].split(' ').length - a[0].split(' ').length || (a[0] < b[0] ? -1 : 1))[0];
  return best ? { phrase: display(best[0], surfaces), holders: best[1].map((i) => items[i]!) } : null;
}

/**
 * The papers of a group that fit none of its approaches, summarised by what they share instead of
 * listed one by one: how many they are (all cited), the phrase several of them share, how their
 * contribution types split and the benchmark most of them use. Counts are words, never digits, so
 * every cited sentence holds only numbers of its abstracts (there are none).
 */
export function sharedSummary(items: readonly SectionPaper[], groupName: string, categoryName = groupName): string {
  const n = items.length;
  const exclude = new Set(candidatePhrases(`${groupName}\n${categoryName}`, 1).map((p) => p.key));
  // A name from an edited taxonomy file may hold anything: one line, no raw HTML, no controls.
  const line = markdownInline(groupName);
  const name = escapeInline(line.toLowerCase() === line ? line : line.charAt(0).toLowerCase() + line.slice(1));
  const lead =
    n === 1
      ? `${items[0]!.label.full} ${keys(items)} ${items[0]!.label.plural ? 'approach' : 'approaches'} ${name} from an angle of ${items[0]!.label.plural ? 'their' : 'its'} own.`
      : `${capitalize(count(n))} more papers ${keys(items)} approach ${name} each from an angle of their own.`;
  const parts: string[] = [];
  const shared = n >= 3 ? sharedPhrase(items, exclude) : null;
  if (shared) parts.push(`${escapeInline(shared.phrase)} recurs in ${count(shared.holders.length)} of them ${keys(shared.holders)}`);
  const types = new Map<ContributionType, SectionPaper[]>();
  for (const i of items) if (i.annotation.contributionType) types.set(i.annotation.contributionType, [...(types.get(i.annotation.contributionType) ?? []), i]);
  const typeParts = [...types]
    .sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1))
    .map(([t, group]) => (group.length === 1 ? `${group[0]!.label.text} ${keys(group)} ${TYPE_PHRASE[t][0]}` : `${count(group.length)} ${TYPE_PHRASE[t][1]} ${keys(group)}`));
  if (n > 1 && typeParts.length > 1) parts.push(listJoin(typeParts.slice(0, 3)));
  const users = new Map<string, SectionPaper[]>();
  for (const i of items) for (const d of i.annotation.datasets) users.set(d, [...(users.get(d) ?? []), i]);
  const data = [...users].filter(([, u]) => u.length >= 2).sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1))[0];
  if (data) parts.push(`${escapeInline(data[0])} serves ${count(data[1].length)} of them as evaluation data ${keys(data[1])}`);
  const sentence = parts.length ? `${lead} ${capitalize(parts.join('; '))}.` : lead;
  return items.every((i) => supported(sentence.replace(/\[[^\]]*@[^\]]*\]/g, ''), i.paper)) ? sentence : lead;
}
