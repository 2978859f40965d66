/** "these", "they", "which of them": the papers of the previous answer, all of them. */
const PLURAL = /\b(?:these|those|they|them|their|which of (?:them|these|those)|among them|of them)\b/i;
/** "it", "this paper", "this method": the first paper of the previous answer. */
const SINGULAR = /\b(?:it|its|it's|this (?:paper|method|model|approach|work|system|one)|that (?:paper|method|model|approach|work|system|one))\b/i;

/**
 * The papers a follow-up refers to, out of the previous answer's papers (in the answer's order): all of them for
 * "these" / "they" / "which of them", the first for "it" / "this method"; empty when the question refers to none.
 */
export function referredPapers(question: string, previous: readonly string[]): string[] {
  if (previous.length === 0) return [];
  if (PLURAL.test(question)) return [...previous];
  if (SINGULAR.test(question)) return previous.slice(0, 1);
  return [];
}
