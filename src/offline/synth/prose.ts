/** Small helpers for writing English sentences with citations. */

const WORDS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];

/** "three" for 3, digits from 13 up. */
export function countWord(n: number): string {
  return WORDS[n] ?? String(n);
}

/** "3 papers", "one paper". */
export function papersCount(n: number): string {
  return `${countWord(n)} paper${n === 1 ? '' : 's'}`;
}

/** "a, b and c". */
export function listJoin(items: readonly string[], conjunction = 'and'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}

/** `[@key]` or `[@a; @b]`. */
export function cite(...keys: string[]): string {
  return `[${[...new Set(keys)].map((k) => `@${k}`).join('; ')}]`;
}

/** End a sentence with its citation before the final period: "… text [@key]." */
export function citedSentence(text: string, ...keys: string[]): string {
  const body = text.trim().replace(/[\s.;:,!?]+$/, '');
  return keys.length ? `${body} ${cite(...keys)}.` : `${body}.`;
}

/** Upper-case the first letter. */
export function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Escape what Markdown would read as formatting in quoted abstract text. */
export function escapeInline(text: string): string {
  return text.replace(/([*`<>])/g, '\\$1').replace(/^(#+|[-+]|\d+[.)])(\s)/, '\\$1$2');
}
