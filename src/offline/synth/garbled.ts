/**
 * Left-overs of markup in scraped abstracts: "{\it misaligned}" with its braces and backslash gone
 * reads "can be it misaligned". A sentence showing them is not quoted or rewritten when another will do.
 */
const GARBLED = /\b(?:can|could|may|might|will|would|must|should|to) be (?:it|bf|em|rm|tt)\b|\\[a-z]+\{|\{\\/;

export function garbled(sentence: string): boolean {
  return GARBLED.test(sentence);
}
