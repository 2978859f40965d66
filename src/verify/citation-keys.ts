/**
 * Pandoc-style citations: `[@key]`, `[@a; @b]`, `[see @key, p. 3]`.
 * Keys are letters, digits and `_:.#$%&-+?<>~/` as in pandoc, without a trailing dot.
 */
export const CITE_GROUP = /\[([^\[\]]*@[^\[\]]*)\]/g;
export const CITE_KEY = /@([A-Za-z0-9_][A-Za-z0-9_:.#$%&+?<>~/-]*)/g;

function trimKey(key: string): string {
  return key.replace(/[.:]+$/, '');
}

/** Every cited key, in order of appearance, duplicates included. */
export function citedKeys(markdown: string): string[] {
  const keys: string[] = [];
  for (const group of markdown.matchAll(CITE_GROUP)) {
    for (const m of group[1]!.matchAll(CITE_KEY)) keys.push(trimKey(m[1]!));
  }
  return keys;
}

/**
 * Remove every citation whose key is not in `known`; a group left empty disappears with the
 * space before it. Returns the cleaned text and the keys removed (in order, duplicates included).
 */
export function removeUnknownCitations(markdown: string, known: ReadonlySet<string>): { text: string; removed: string[] } {
  const removed: string[] = [];
  const text = markdown.replace(/\s?\[([^\[\]]*@[^\[\]]*)\]/g, (whole, inner: string) => {
    const parts = inner.split(';').map((p) => p.trim());
    const kept = parts.filter((part) => {
      const keys = [...part.matchAll(CITE_KEY)].map((m) => trimKey(m[1]!));
      const bad = keys.filter((k) => !known.has(k));
      removed.push(...bad);
      return keys.length > 0 && bad.length === 0;
    });
    if (kept.length === parts.length) return whole;
    if (kept.length === 0) return '';
    const lead = whole.startsWith(' ') ? ' ' : '';
    return `${lead}[${kept.join('; ')}]`;
  });
  return { text, removed };
}
