const CITE_GROUP = /\[[^\[\]]*@[^\[\]]*\]/g;

/** A sentence with what is not a claim removed: citations, inline code, link targets, URLs. */
export function claimText(text: string): string {
  return text
    .replace(CITE_GROUP, ' ')
    .replace(/`[^`]*`/g, ' ')
    .replace(/\]\([^)]*\)/g, ']')
    .replace(/\bhttps?:\/\/\S+/g, ' ');
}
