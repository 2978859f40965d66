import { hash } from 'node:crypto';
import { matchKey } from './clean-text.js';
import { contentDigest, idFromDigest } from './content-digest.js';
import { arxivKey } from './identifiers.js';

interface Identifiable {
  title: string;
  titleDerived: boolean;
  abstract: string;
  doi?: string;
  arxivId?: string;
  pmid?: string;
  sources?: readonly { path: string; index: number }[];
  /** matchKey(title), when already computed. */
  titleMatch?: string;
  /** abstractId(abstract), when already computed. */
  abstractId?: string;
}

/** The id a paper would have from its abstract alone (`a:` + the abstract's matching form). */
export function abstractId(abstract: string): string {
  return idFromDigest(contentDigest('a:', abstract).digest);
}

/**
 * A paper's id, from its own content only: its title in matching form (case, punctuation, braces and accents
 * folded), or for an untitled paper its abstract. So the id does not change when other papers are added,
 * files are reordered, or the same paper arrives in another format.
 */
export function paperId(p: Identifiable): string {
  const title = titleMatchOf(p);
  return title !== '' ? hashId(`t:${title}`) : (p.abstractId ?? abstractId(p.abstract));
}

/**
 * Every id the paper could have had: the title-based one, the abstract-based one, and its DOI, arXiv id and PMID.
 * The store maps all of them to the paper's citation key, so the key sticks when an untitled paper later
 * gains its title, or a richer record of the same paper (same DOI or PMID) brings another title. A PMID never
 * enters the id itself, so ids do not depend on whether a source carries one.
 */
export function aliasIds(p: Identifiable): string[] {
  const ids = [paperId(p)];
  if (p.abstract !== '') ids.push(p.abstractId ?? abstractId(p.abstract));
  if (p.doi) ids.push(`doi:${p.doi.toLowerCase()}`);
  if (p.arxivId) ids.push(`arxiv:${arxivKey(p.arxivId)}`);
  if (p.pmid) ids.push(`pmid:${p.pmid}`);
  return [...new Set(ids)];
}

/**
 * Ids for a whole corpus. Two distinct papers with the same title (kept apart because their DOIs differ, or
 * generic titles such as "Introduction") get ids that also cover their abstract, DOI and, last, their source.
 */
export function assignIds<T extends Identifiable>(papers: readonly T[]): (T & { id: string })[] {
  const byId = new Map<string, T[]>();
  for (const p of papers) {
    const id = paperId(p);
    const list = byId.get(id);
    if (list) list.push(p);
    else byId.set(id, [p]);
  }
  // The id is set on the objects themselves: no copies of 100,000 papers.
  const out: (T & { id: string })[] = [];
  for (const [id, list] of byId) {
    if (list.length === 1) {
      out.push(Object.assign(list[0]!, { id }));
      continue;
    }
    const taken = new Set<string>();
    for (const p of list) {
      const first = p.sources?.[0];
      const candidates = [
        `${primaryIdentity(p)}\u0000${matchKey(p.abstract)}`,
        `${primaryIdentity(p)}\u0000${matchKey(p.abstract)}\u0000${p.doi ?? ''}`,
        `${primaryIdentity(p)}\u0000${first ? `${first.path}#${first.index}` : ''}`,
      ];
      let chosen = candidates.map(hashId).find((c) => !taken.has(c));
      for (let n = 2; !chosen; n++) chosen = [hashId(`${candidates[2]}\u0000${n}`)].find((c) => !taken.has(c));
      taken.add(chosen);
      out.push(Object.assign(p, { id: chosen }));
    }
  }
  return out;
}

function titleMatchOf(p: Identifiable): string {
  return p.titleDerived ? '' : (p.titleMatch ?? matchKey(p.title));
}

function primaryIdentity(p: Identifiable): string {
  const title = titleMatchOf(p);
  return title !== '' ? `t:${title}` : `a:${matchKey(p.abstract)}`;
}

function hashId(identity: string): string {
  return `p${hash('sha256', identity, 'hex').slice(0, 12)}`;
}
