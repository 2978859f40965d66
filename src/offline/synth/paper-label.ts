import type { Paper } from '../../corpus/paper.js';
import { unsupportedNumbers } from '../../verify/numbers.js';
import { introducedName } from '../introduced-name.js';
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

/** The first clause of the title ("From 16-Bit to 1-Bit: Visual KV Cache…" → its parts) whose numbers check out. */
function titleClause(title: string, ok: (text: string) => boolean): string | null {
  const t = cleanTitle(title);
  if (ok(t)) return shortTitle(t);
  const clause = t.split(/(?<=\?)\s|:\s/).map((c) => c.trim()).find((c) => c.split(' ').length >= 2 && ok(c));
  if (clause) return shortTitle(clause);
  // The title up to its first word with a number the abstract lacks ("Scaling to 1 Million Tokens" → "Scaling to…").
  const words = t.split(' ');
  const cut = words.findIndex((w) => !ok(w));
  return cut >= 2 ? `${words.slice(0, Math.min(cut, 6)).join(' ').replace(/[,;:-]+$/, '')}…` : null;
}

/**
 * The label of a paper in the review: its own short name from the title ("KV-Distill"), else the
 * name its abstract gives what it introduces when the title is only derived ("KeepKV"), else its
 * authors ("Li et al."), else its title in italics (a clause of it when another clause has a number
 * the abstract lacks), else the opening words of its abstract. Every number in a citing sentence must
 * be found in the cited abstract, so a label with other digits is skipped.
 */
export function paperLabel(paper: Paper): PaperLabel {
  const ok = (text: string): boolean => unsupportedNumbers(text, [paper.abstract]).length === 0;
  const name = paper.titleDerived ? null : paperName(paper.title);
  if (name && ok(name)) return { text: name, full: name, plural: false, isName: true };
  const introduced = introducedName(paper.abstract);
  if (introduced && paper.titleDerived) return { text: introduced, full: introduced, plural: false, isName: true };
  const byAuthors = authorLabel(paper.authors);
  if (byAuthors && ok(byAuthors.text)) return byAuthors;
  if (!paper.titleDerived && ok(paper.title)) {
    return { text: `*${shortTitle(paper.title)}*`, full: `*${cleanTitle(paper.title)}*`, plural: false, isName: false };
  }
  const clause = paper.titleDerived ? null : titleClause(paper.title, ok);
  if (clause) return { text: `*${clause}*`, full: `*${clause}*`, plural: false, isName: false };
  if (introduced) return { text: introduced, full: introduced, plural: false, isName: true };
  const opening = shortTitle(paper.abstract.split(/(?<=[.!?])\s/)[0] ?? paper.title);
  return { text: `*${opening}*`, full: `*${opening}*`, plural: false, isName: false };
}
