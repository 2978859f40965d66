/** DOIs and arXiv ids in their display and matching forms. */

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
