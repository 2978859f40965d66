/** DOIs, arXiv ids and PubMed ids (PMIDs) in their display and matching forms. */

/** `https://doi.org/10.1/X`, `doi:10.1/X`, `10.1/X` -> `10.1/X`; undefined when it is not a DOI. */
export function cleanDoi(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const v = value.trim().replace(/^(?:https?:\/\/(?:dx\.)?doi\.org\/|doi:\s*)/i, '');
  return /^10\.\d{4,9}\/\S+$/.test(v) ? v : undefined;
}

/** `arXiv:2101.00001v2`, `https://arxiv.org/abs/2101.00001v2` -> `2101.00001v2`. */
export function cleanArxivId(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const v = value.trim().replace(/^(?:https?:\/\/arxiv\.org\/(?:abs|pdf)\/|arxiv:\s*)/i, '').replace(/\.pdf$/i, '');
  return /^(\d{4}\.\d{4,5}|[a-z-]+(\.[A-Z]{2})?\/\d{7})(v\d+)?$/i.test(v) ? v : undefined;
}

/** The matching form of an arXiv id: lower case, version dropped. */
export function arxivKey(id: string): string {
  return id.toLowerCase().replace(/v\d+$/, '');
}

/** The DOI arXiv mints for its own preprints (`10.48550/arXiv.2101.00001`). */
export function isArxivDoi(doi: string): boolean {
  return /^10\.48550\/arxiv\./i.test(doi);
}

/**
 * A PubMed id in its matching form: digits only, leading zeros dropped, 1 to 9 digits, never 0. Accepts `123`,
 * `PMID: 123`, `pmid:123`, a number, and PubMed's own URLs (see pubmedUrlPmid); undefined for anything else.
 */
export function cleanPmid(value: unknown): string | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? validPmid(String(value)) : undefined;
  if (typeof value !== 'string') return undefined;
  const v = value.trim();
  const bare = /^(?:pmid\s*[:=]?\s*)?(\d+)$/i.exec(v);
  return bare ? validPmid(bare[1]!) : pubmedUrlPmid(v);
}

/** The PMID of a PubMed record URL (`https://pubmed.ncbi.nlm.nih.gov/123/`, `https://www.ncbi.nlm.nih.gov/pubmed/123`). */
export function pubmedUrlPmid(url: string | undefined): string | undefined {
  if (!url) return undefined;
  const m = /^(?:https?:\/\/)?(?:pubmed\.ncbi\.nlm\.nih\.gov\/|(?:www\.)?ncbi\.nlm\.nih\.gov\/pubmed\/)(\d+)\/?(?:[?#]\S*)?$/i.exec(url.trim());
  return m ? validPmid(m[1]!) : undefined;
}

function validPmid(digits: string): string | undefined {
  const v = digits.replace(/^0+/, '');
  return /^[1-9]\d{0,8}$/.test(v) ? v : undefined;
}
