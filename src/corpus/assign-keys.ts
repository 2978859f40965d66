import { isSafeCitationKey, keyCandidates, keyVariant } from './citation-key.js';
import type { MergedPaper } from './merge-records.js';
import type { Paper } from './paper.js';
import { aliasIds } from './paper-id.js';

type IdentifiedPaper = MergedPaper & { id: string };

/**
 * Give every paper a unique citation key, in three rounds over papers sorted by id (so the result does not
 * depend on input order):
 * 1. the user's own BibTeX key (a second paper with the same key gets a variant, with a warning);
 * 2. the key the paper had before (`previousKeys`: id -> key from the stored corpus, looked up under every
 *    alias id of the paper), so keys stay put when papers are added or files reordered;
 * 3. a generated readable key (`zhang2024h2o`, `kv-cache`, `kvcache2024`; one title word more, `kv-cache-eviction`, when
 *    the shorter one is taken), never one that an earlier corpus gave to another paper.
 * Keys are unique case-insensitively.
 */
export function assignKeys(
  papers: readonly IdentifiedPaper[],
  previousKeys: ReadonlyMap<string, string> = new Map(),
): { papers: Paper[]; warnings: string[] } {
  const sorted = [...papers].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const taken = new Set<string>();
  const keys = new Map<string, string>();
  const warnings: string[] = [];
  const owner = new Map<string, IdentifiedPaper>();
  const claim = (p: IdentifiedPaper, key: string) => {
    keys.set(p.id, key);
    taken.add(key.toLowerCase());
    owner.set(key.toLowerCase(), p);
  };

  const originalKeys = new Map<string, string>();
  for (const p of sorted) {
    if (!p.citationKey) continue;
    if (!isSafeCitationKey(p.citationKey)) {
      // Not citable as it is (`../../tmp/pwned`, `key"with'quotes`): a generated key, the original kept beside it.
      originalKeys.set(p.id, p.citationKey);
      warnings.push(`BibTeX key "${p.citationKey.slice(0, 80)}" of "${short(p.title)}" is not a valid citation key; a generated key is used (the original is kept as originalkey in references.bib)`);
      continue;
    }
    if (!taken.has(p.citationKey.toLowerCase())) {
      claim(p, p.citationKey);
      continue;
    }
    const key = firstFree(p.citationKey, taken, new Set(), new Map());
    const first = owner.get(p.citationKey.toLowerCase());
    warnings.push(`BibTeX key "${p.citationKey}" is used by two papers ("${short(first?.title)}" and "${short(p.title)}"); the second is cited as "${key}"`);
    claim(p, key);
  }

  const reserved = new Set([...previousKeys.values()].map((k) => k.toLowerCase()));
  const nextVariant = new Map<string, number>();
  for (const p of previousKeys.size > 0 ? sorted : []) {
    if (keys.has(p.id)) continue;
    const previous = [p.id, ...aliasIds(p)].map((id) => previousKeys.get(id)).find((k) => k !== undefined);
    if (previous === undefined) continue;
    if (!taken.has(previous.toLowerCase())) {
      claim(p, previous);
      continue;
    }
    const holder = owner.get(previous.toLowerCase());
    warnings.push(`citation key "${previous}" of "${short(p.title)}" now belongs to "${short(holder?.title)}"; a new key is generated`);
  }

  for (const p of sorted) {
    if (keys.has(p.id)) continue;
    const candidates = keyCandidates(p);
    if (candidates.length === 0) candidates.push(`paper-${p.id.slice(1, 7)}`);
    // The first readable key free; when every one is taken, a variant of the longest.
    const free = candidates.find((k) => !taken.has(k.toLowerCase()) && !reserved.has(k.toLowerCase()));
    claim(p, free ?? firstFree(candidates[candidates.length - 1]!, taken, reserved, nextVariant));
  }

  return { papers: sorted.map((p) => toPaper(p, keys.get(p.id)!, originalKeys.get(p.id))), warnings };
}

const OPTIONAL = ['authorCount', 'year', 'date', 'dateText', 'venue', 'doi', 'arxivId', 'pmid', 'url', 'upvotes', 'keywords', 'bibtex', 'bibtexStrings'] as const;

/** The final paper: id and key first, the merge-only `citationKey` left out (explicit copy; object rest is slow at 100k papers). */
function toPaper(p: IdentifiedPaper, key: string, originalKey: string | undefined): Paper {
  const paper: Paper = { id: p.id, key, title: p.title, titleDerived: p.titleDerived, abstract: p.abstract, authors: p.authors, sources: p.sources };
  if (originalKey !== undefined) paper.originalKey = originalKey;
  const target = paper as unknown as Record<string, unknown>;
  for (const field of OPTIONAL) {
    if (p[field] !== undefined) target[field] = p[field];
  }
  return paper;
}

/** The base key, or its first free variant; `next` remembers where to resume per base (no quadratic scans). */
function firstFree(base: string, taken: ReadonlySet<string>, reserved: ReadonlySet<string>, next: Map<string, number>): string {
  const free = (k: string) => !taken.has(k.toLowerCase()) && !reserved.has(k.toLowerCase());
  if (free(base)) return base;
  for (let n = next.get(base) ?? 1; ; n++) {
    const candidate = keyVariant(base, n);
    if (free(candidate)) {
      next.set(base, n + 1);
      return candidate;
    }
  }
}

function short(title: string | undefined): string {
  if (!title) return '?';
  return title.length > 60 ? `${title.slice(0, 57)}…` : title;
}
