import type { Paper } from '../corpus/paper.js';
import { bibVerbatim, escapeLatex } from './bibtex-escape.js';

const ENTRY_HEAD = /^(\s*@[A-Za-z]+\s*[{(]\s*)([^,\s]*)/;

/** The user's original entry, verbatim except its key when litrev had to change it. */
function originalEntry(paper: Paper): string {
  const entry = paper.bibtex!.trim();
  const head = ENTRY_HEAD.exec(entry);
  if (!head || head[2] === paper.key) return entry;
  return entry.replace(ENTRY_HEAD, `$1${paper.key}`);
}

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
  if (paper.url) fields.push(field('url', bibVerbatim(paper.url)));
  if (arxiv) {
    fields.push(field('eprint', bibVerbatim(arxiv)));
    fields.push(field('archivePrefix', 'arXiv'));
  }
  return `@${article ? 'article' : 'misc'}{${paper.key},\n${fields.join(',\n')}\n}`;
}

/**
 * references.bib: one entry per paper given (the papers the review cites), in the order given.
 * A paper that came from BibTeX keeps the user's original entry verbatim (its key set to the
 * paper's key); the others get a generated entry with LaTeX special characters escaped.
 */
export function renderReferencesBib(papers: Paper[]): string {
  if (papers.length === 0) return '';
  return `${papers.map((p) => (p.bibtex?.trim() ? originalEntry(p) : generatedEntry(p))).join('\n\n')}\n`;
}
