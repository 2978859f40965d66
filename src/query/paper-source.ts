import type { Paper } from '../corpus/paper.js';

/** What the table filters and lists on without reading a paper's abstract. */
export interface PaperMeta {
  id: string;
  key: string;
  title: string;
  year: number | null;
  venue: string | null;
  authors: string[];
}

/**
 * The papers of the corpus table by index: their metadata always at hand, a whole paper (abstract included)
 * read when a question needs it. In memory for papers read with `--in`; on disk for the stored corpus (see
 * src/qa/paper-store.ts), so a question over 100,000 papers reads only the abstracts it answers from.
 */
export interface PaperSource {
  readonly size: number;
  meta(index: number): PaperMeta;
  paper(index: number): Paper;
  /** The index of the paper with this citation key, or undefined. */
  indexOfKey(key: string): number | undefined;
}

export function paperMeta(p: Paper): PaperMeta {
  return { id: p.id, key: p.key, title: p.title, year: p.year ?? null, venue: p.venue ?? null, authors: p.authors };
}

/** A source over papers held in memory. */
export function memoryPaperSource(papers: readonly Paper[]): PaperSource {
  const metas = papers.map(paperMeta);
  let byKey: Map<string, number> | null = null;
  return {
    size: papers.length,
    meta: (i) => metas[i]!,
    paper: (i) => papers[i]!,
    indexOfKey(key) {
      byKey ??= new Map(papers.map((p, i) => [p.key, i]));
      return byKey.get(key);
    },
  };
}
