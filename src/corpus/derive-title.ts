const MAX_WORDS = 10;
const MIN_CLAUSE_WORDS = 4;

/**
 * A short title for a paper that has none: the abstract's first clause, at most ten words
 * (`Quantization-Aware Training (QAT) integrates quantization into the training loop`), with `…` when cut.
 */
export function deriveTitle(abstract: string): string {
  const sentence = abstract.split(/(?<=[.!?])\s+(?=[A-Z0-9(])/)[0] ?? abstract;
  const clause = firstClause(sentence.replace(/[.!?]+$/, ''));
  const words = clause.split(/\s+/).filter(Boolean);
  if (words.length <= MAX_WORDS) return trimEnd(words.join(' '));
  return `${trimEnd(words.slice(0, MAX_WORDS).join(' '))}…`;
}

function firstClause(sentence: string): string {
  const cut = /[,;:]\s|\s[–—-]\s/g;
  for (const m of sentence.matchAll(cut)) {
    const head = sentence.slice(0, m.index);
    if (head.split(/\s+/).length >= MIN_CLAUSE_WORDS) return head;
  }
  return sentence;
}

/** Drop trailing punctuation and dangling function words (`... hindered by an` -> `... hindered`). */
function trimEnd(s: string): string {
  let t = s.replace(/[\s,;:–—(-]+$/, '');
  for (let prev = ''; prev !== t; ) {
    prev = t;
    t = t.replace(/\s+(?:a|an|the|of|by|to|in|on|for|and|or|with|from|at|as|is|are|that|which|its|their)$/i, '').replace(/[\s,;:–—(-]+$/, '');
  }
  return t;
}
