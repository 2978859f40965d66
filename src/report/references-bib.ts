import type { Paper } from '../corpus/paper.js';
import { bibVerbatim, escapeLatex } from './bibtex-escape.js';

const ENTRY_HEAD = /^(\s*@[A-Za-z]+\s*[{(]\s*)([^,\s]*)\s*,?/;

/**
 * The user's original entry, verbatim except its key when litrev had to change it; a key that was not a valid
 * citation key is kept as an `originalkey` field (bibtex, biber and pybtex ignore unknown fields).
 */
function originalEntry(paper: Paper): string {
  const entry = paper.bibtex!.trim();
  const head = ENTRY_HEAD.exec(entry);
  if (!head) return generatedEntry(paper);
  const original = paper.originalKey !== undefined ? `\n  originalkey = {${escapeLatex(paper.originalKey)}},` : '';
  if (head[2] === paper.key && !original) return entry;
  return entry.replace(ENTRY_HEAD, `$1${paper.key},${original}`);
}

/** The note of an entry whose title litrev derived from the abstract. */
export const DERIVED_TITLE_NOTE = 'Title derived from the abstract';

function field(name: string, value: string): string {
  return `  ${name} = {${value}}`;
}

/** A generated entry: @article when a venue is known, else @misc (arXiv preprints included). */
function generatedEntry(paper: Paper): string {
  const arxiv = paper.arxivId?.trim();
  const venue = paper.venue?.trim();
  const article = !!venue && !/^arxiv/i.test(venue);
  const fields: string[] = [field('title', `{${escapeLatex(paper.title.replace(/\s+/g, ' ').trim())}}`)];
  if (paper.authors.length) fields.push(field('author', paper.authors.map((a) => escapeLatex(a.trim())).join(' and ')));
  if (article) fields.push(field('journal', escapeLatex(venue)));
  if (paper.year) fields.push(field('year', String(paper.year)));
  if (paper.doi) fields.push(field('doi', bibVerbatim(paper.doi)));
  if (paper.pmid) fields.push(field('pmid', paper.pmid));
  if (paper.url) fields.push(field('url', bibVerbatim(paper.url)));
  if (arxiv) {
    fields.push(field('eprint', bibVerbatim(arxiv)));
    fields.push(field('archivePrefix', 'arXiv'));
  }
  if (paper.originalKey !== undefined) fields.push(field('originalkey', escapeLatex(paper.originalKey)));
  // The source had no title: the one above is the abstract's opening, which a reader must not take for the paper's.
  if (paper.titleDerived) fields.push(field('note', DERIVED_TITLE_NOTE));
  return `@${article ? 'article' : 'misc'}{${paper.key},\n${fields.join(',\n')}\n}`;
}

/**
 * The `@string` definitions the original entries use, once each, in first-use order. Two files defining the same
 * name differently cannot share one .bib: the later papers then get generated entries instead (`conflicts`).
 */
function stringBlock(papers: readonly Paper[]): { text: string; conflicts: Set<string> } {
  const byName = new Map<string, string>();
  const conflicts = new Set<string>();
  for (const p of papers) {
    if (!p.bibtex?.trim()) continue;
    const defs = (p.bibtexStrings ?? []).map((d) => [macroName(d), d] as const);
    if (defs.some(([name, d]) => byName.has(name) && byName.get(name) !== d)) {
      conflicts.add(p.id);
      continue;
    }
    for (const [name, d] of defs) byName.set(name, d);
  }
  return { text: [...byName.values()].join('\n'), conflicts };
}

function macroName(definition: string): string {
  return (/@\s*string\s*[{(]\s*([^=\s]+)/i.exec(definition)?.[1] ?? definition).toLowerCase();
}

/**
 * references.bib: one entry per paper given (the papers the review cites), in the order given.
 * A paper that came from BibTeX keeps the user's original entry verbatim (its key set to the
 * paper's key), preceded by the `@string` macros it uses; the others get a generated entry with
 * LaTeX special characters escaped, the DOI, PMID and arXiv id when known, and
 * `note = {Title derived from the abstract}` when the source had no title.
 */
export function renderReferencesBib(papers: Paper[]): string {
  if (papers.length === 0) return '';
  const strings = stringBlock(papers);
  const entries = papers.map((p) => (p.bibtex?.trim() && !strings.conflicts.has(p.id) ? originalEntry(p) : generatedEntry(p)));
  return `${[...(strings.text ? [strings.text] : []), ...entries].join('\n\n')}\n`;
}
