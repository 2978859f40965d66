/** Formats litrev reads. `listing` is a scraped listing page of titles and abstracts. */
export type SourceFormat =
  | 'listing'
  | 'bibtex'
  | 'ris'
  | 'csv'
  | 'tsv'
  | 'json'
  | 'jsonl'
  | 'arxiv'
  | 'openalex'
  | 'medline'
  | 'csljson'
  | 'text';

/** Where a record came from: shown in every warning and kept on the paper. */
export interface SourceRef {
  path: string;
  format: SourceFormat;
  /** 1-based line of the record's start, where the format has lines. */
  line?: number;
  /** 0-based index of the record within its file. */
  index: number;
}

/** One record as a format reader returns it, before normalisation and deduplication. */
export interface RawRecord {
  title?: string;
  abstract?: string;
  authors?: string[];
  /** Number of authors when only a count is known (listing pages say "6 authors"). */
  authorCount?: number;
  year?: number;
  /** ISO date (YYYY-MM-DD or YYYY-MM) when known. */
  date?: string;
  /** The date as the source printed it when it cannot be made ISO (listing pages omit the current year: `Jan 17`). */
  dateText?: string;
  venue?: string;
  doi?: string;
  arxivId?: string;
  /** PubMed id as the source gave it (`123`, `PMID: 123`, a PubMed URL); validated in normalisation. */
  pmid?: string;
  url?: string;
  upvotes?: number;
  keywords?: string[];
  /** The user's own citation key (BibTeX), kept for \cite{}. */
  citationKey?: string;
  /** The original BibTeX entry text, written back verbatim into references.bib. */
  bibtex?: string;
  /** The `@string` definitions the entry uses (their text as in the file), carried into references.bib. */
  bibtexStrings?: string[];
  source: SourceRef;
}

/** A deduplicated, normalised paper: the unit every later stage works on. */
export interface Paper {
  /** Stable id derived from the paper's content (not from its position or its neighbours). */
  id: string;
  /** Citation key: the user's BibTeX key when there is one, else generated, unique in the corpus. */
  key: string;
  title: string;
  /** True when the source had no title and this one was derived from the abstract. */
  titleDerived: boolean;
  abstract: string;
  authors: string[];
  authorCount?: number;
  year?: number;
  date?: string;
  /** The date as printed by the source when it has no year (see RawRecord.dateText). */
  dateText?: string;
  venue?: string;
  doi?: string;
  arxivId?: string;
  /** PubMed id: digits only, no leading zeros. Like the DOI, it identifies the paper in deduplication. */
  pmid?: string;
  url?: string;
  upvotes?: number;
  keywords?: string[];
  bibtex?: string;
  /** The `@string` definitions `bibtex` uses, written before it in references.bib. */
  bibtexStrings?: string[];
  /** The user's BibTeX key when it was not a valid citation key (the paper is cited by `key`). */
  originalKey?: string;
  /** Every record merged into this paper (the first is the one whose metadata won). */
  sources: SourceRef[];
}

/** A problem with one input: the file, where in it, and a one-line reason. */
export interface InputIssue {
  path: string;
  line?: number;
  record?: number;
  reason: string;
  /** `skipped`: the record or file was left out; `warning`: it was ingested, with this caveat. Default `skipped`. */
  level?: 'skipped' | 'warning';
}

export interface Corpus {
  papers: Paper[];
  /** sha256 over the papers' ids, titles and abstracts in id order. */
  hash: string;
}
