import type { Paper } from '../../corpus/paper.js';
import { unsupportedNumbers } from '../../verify/numbers.js';
import { paperName } from '../paper-name.js';

/** How a paper is named in prose, and whether that name takes a plural verb ("Li et al. propose"). */
export interface PaperLabel {
  /** Short form, for lists and later mentions. */
  text: string;
  /** Full form, for the first mention (the whole title where the short form cuts it). */
  full: string;
  plural: boolean;
  /** The label is the method's own name, as used in its abstract ("KV-Distill"). */
  isName: boolean;
}

function surname(author: string): string {
  const a = author.trim();
  if (a.includes(',')) return a.split(',')[0]!.trim();
  const parts = a.split(/\s+/);
  return parts[parts.length - 1] ?? a;
}

function authorLabel(authors: readonly string[]): PaperLabel | null {
  const names = authors.map(surname).filter((s) => /^[\p{L}][\p{L}'’-]+$/u.test(s));
  if (names.length === 0 || names.length !== authors.length) return null;
  const text = names.length === 1 ? names[0]! : names.length === 2 ? `${names[0]} and ${names[1]}` : `${names[0]} et al.`;
  return { text, full: text, plural: names.length > 1, isName: false };
}

function cleanTitle(title: string): string {
  return title.replace(/[*_`]/g, '').replace(/\s+/g, ' ').trim().replace(/[.]+$/, '');
}

/** The title cut to its first clause or first six words, with "…" when cut. */
function shortTitle(title: string): string {
  const t = cleanTitle(title);
  const clause = t.split(/(?<=\?)\s|:\s/)[0]!;
  const words = clause.split(' ');
  if (words.length <= 8) return clause;
  return `${words.slice(0, 6).join(' ').replace(/[,;:-]+$/, '')}…`;
}

/**
 * The label of a paper in the review: its own short name from the title ("KV-Distill"), else its
 * authors ("Li et al."), else its title in italics. A label whose digits are not in the abstract is
 * skipped (every number in a citing sentence must be found in the cited abstract).
 */
export function paperLabel(paper: Paper): PaperLabel {
  const ok = (text: string): boolean => unsupportedNumbers(text, [paper.abstract]).length === 0;
  const name = paper.titleDerived ? null : paperName(paper.title);
  if (name && ok(name)) return { text: name, full: name, plural: false, isName: true };
  const byAuthors = authorLabel(paper.authors);
  if (byAuthors && ok(byAuthors.text)) return byAuthors;
  if (!paper.titleDerived && ok(paper.title)) {
    return { text: `*${shortTitle(paper.title)}*`, full: `*${cleanTitle(paper.title)}*`, plural: false, isName: false };
  }
  return { text: 'Another paper', full: 'Another paper', plural: false, isName: false };
}
